package org.callway.media.ra;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * STUN messages of the TURN client (RFC 8656) and the server-reflexive probe (RFC 8489),
 * written and read as bytes. ICE checks keep ice4j's message classes (StunCodec); TURN's
 * long-term credential (RFC 8489 §9.2) keys MESSAGE-INTEGRITY with MD5(user:realm:pass),
 * which ice4j's codec would look up through the same key store the engine fills with ICE
 * passwords by ufrag, so these few messages are encoded here instead.
 */
final class StunBytes {

    // Methods and classes (RFC 8489 §5, RFC 8656 §17).
    static final int BINDING = 0x001;
    static final int ALLOCATE = 0x003;
    static final int REFRESH = 0x004;
    static final int SEND = 0x006;
    static final int DATA = 0x007;
    static final int CREATE_PERMISSION = 0x008;
    static final int CHANNEL_BIND = 0x009;
    static final int REQUEST = 0x000;
    static final int INDICATION = 0x010;
    static final int SUCCESS = 0x100;
    static final int ERROR = 0x110;

    // Attributes (RFC 8489 §18.3, RFC 8656 §18).
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int CHANNEL_NUMBER = 0x000C;
    static final int LIFETIME = 0x000D;
    static final int XOR_PEER_ADDRESS = 0x0012;
    static final int DATA_ATTR = 0x0013;
    static final int REALM = 0x0014;
    static final int NONCE = 0x0015;
    static final int XOR_RELAYED_ADDRESS = 0x0016;
    static final int REQUESTED_TRANSPORT = 0x0019;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int FINGERPRINT = 0x8028;

    /** RFC 8489 §6.2.1: RTO 500 ms doubling, Rc = 7 transmissions, the last waiting Rm * RTO. */
    static final int[] RETRANSMIT_MILLIS = {500, 1000, 2000, 4000, 8000, 16000, 8000};

    private StunBytes() {
    }

    /** A message being written: header first, attributes appended, length patched on {@link #bytes}. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        private final byte[] transactionId;

        Writer(int type, byte[] transactionId) {
            this.transactionId = transactionId;
            short16(type);
            short16(0);
            int32(StunBinding.MAGIC_COOKIE);
            out.writeBytes(transactionId);
        }

        Writer attribute(int type, byte[] value) {
            short16(type);
            short16(value.length);
            out.writeBytes(value);
            for (int pad = (4 - value.length % 4) % 4; pad > 0; pad--) {
                out.write(0); // RFC 8489 §14: values padded to 4 bytes
            }
            return this;
        }

        Writer text(int type, String value) {
            return attribute(type, value.getBytes(StandardCharsets.UTF_8));
        }

        Writer int32Attribute(int type, int value) {
            return attribute(type, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        }

        /** XOR-PEER-ADDRESS and friends (RFC 8489 §14.2). */
        Writer address(int type, InetSocketAddress address) {
            return attribute(type, xor(address, transactionId));
        }

        /** MESSAGE-INTEGRITY over everything so far, length counting the attribute itself (RFC 8489 §14.5). */
        Writer integrity(byte[] key) {
            byte[] covered = out.toByteArray();
            patchLength(covered, covered.length - 20 + 24);
            return attribute(MESSAGE_INTEGRITY, hmacSha1(key, covered, covered.length));
        }

        /** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message so far XOR 0x5354554e. */
        Writer fingerprint() {
            byte[] covered = out.toByteArray();
            patchLength(covered, covered.length - 20 + 8);
            CRC32 crc = new CRC32();
            crc.update(covered);
            return int32Attribute(FINGERPRINT, (int) crc.getValue() ^ 0x5354554e);
        }

        byte[] bytes() {
            byte[] b = out.toByteArray();
            patchLength(b, b.length - 20);
            return b;
        }

        private void short16(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        private void int32(int v) {
            short16(v >>> 16);
            short16(v & 0xFFFF);
        }
    }

    private static void patchLength(byte[] b, int length) {
        b[2] = (byte) (length >>> 8);
        b[3] = (byte) length;
    }

    /** A received message's header and attributes (first occurrence of each type wins, RFC 8489 §14). */
    record Parsed(int type, byte[] transactionId, byte[] raw, int length) {

        static Parsed of(byte[] b, int len) {
            if (!StunCodec.isStun(b, len) || 20 + (((b[2] & 0xFF) << 8) | (b[3] & 0xFF)) != len) {
                return null;
            }
            return new Parsed(((b[0] & 0xFF) << 8) | (b[1] & 0xFF), Arrays.copyOfRange(b, 8, 20), b, len);
        }

        int method() {
            return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        }

        int messageClass() {
            return type & 0x0110;
        }

        /** The value of the first attribute of {@code attributeType}, or null. */
        byte[] attribute(int attributeType) {
            int at = 20;
            while (at + 4 <= length) {
                int t = ((raw[at] & 0xFF) << 8) | (raw[at + 1] & 0xFF);
                int l = ((raw[at + 2] & 0xFF) << 8) | (raw[at + 3] & 0xFF);
                if (at + 4 + l > length) {
                    return null;
                }
                if (t == attributeType) {
                    return Arrays.copyOfRange(raw, at + 4, at + 4 + l);
                }
                at += 4 + ((l + 3) & ~3);
            }
            return null;
        }

        String text(int attributeType) {
            byte[] v = attribute(attributeType);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }

        InetSocketAddress address(int attributeType) {
            byte[] v = attribute(attributeType);
            return v == null ? null : unxor(v, transactionId);
        }

        /** ERROR-CODE (RFC 8489 §14.8): class * 100 + number, or 0. */
        int errorCode() {
            byte[] v = attribute(ERROR_CODE);
            return v == null || v.length < 4 ? 0 : (v[2] & 0x7) * 100 + (v[3] & 0xFF);
        }

        int int32(int attributeType, int otherwise) {
            byte[] v = attribute(attributeType);
            return v == null || v.length < 4 ? otherwise : StunCodec.readInt(v, 0);
        }

        boolean integrityOk(byte[] key) {
            return StunCodec.integrityOk(raw, length, key);
        }
    }

    static int type(int method, int messageClass) {
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | messageClass;
    }

    /** RFC 8489 §9.2.2: the long-term key is MD5(username ":" realm ":" password). */
    static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ':' + realm + ':' + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmacSha1(byte[] key, byte[] data, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, 0, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] xor(InetSocketAddress address, byte[] transactionId) {
        byte[] ip = address.getAddress().getAddress();
        byte[] v = new byte[4 + ip.length];
        v[1] = (byte) (ip.length == 4 ? 0x01 : 0x02);
        int port = address.getPort() ^ (StunBinding.MAGIC_COOKIE >>> 16);
        v[2] = (byte) (port >>> 8);
        v[3] = (byte) port;
        for (int i = 0; i < ip.length; i++) {
            v[4 + i] = (byte) (ip[i] ^ xorKey(i, transactionId));
        }
        return v;
    }

    static InetSocketAddress unxor(byte[] v, byte[] transactionId) {
        int ipLength = v.length >= 2 && v[1] == 0x02 ? 16 : 4;
        if (v.length < 4 + ipLength) {
            return null;
        }
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (v[4 + i] ^ xorKey(i, transactionId));
        }
        int port = (((v[2] & 0xFF) << 8) | (v[3] & 0xFF)) ^ (StunBinding.MAGIC_COOKIE >>> 16);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** X-Address: the cookie, then (IPv6) the transaction ID (RFC 8489 §14.2). */
    private static int xorKey(int i, byte[] transactionId) {
        return i < 4 ? (StunBinding.MAGIC_COOKIE >>> (24 - 8 * i)) & 0xFF : transactionId[i - 4] & 0xFF;
    }
}
