package org.callway.media.ra;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The one STUN exchange every media socket answers before ICE owns it: a Binding
 * request gets a success response carrying XOR-MAPPED-ADDRESS (RFC 8489 §14.2), which is
 * also how a client learns its server-reflexive address from us.
 */
final class StunBinding {

    static final int MAGIC_COOKIE = 0x2112A442;
    static final short BINDING_REQUEST = 0x0001;
    static final short BINDING_SUCCESS = 0x0101;
    static final short XOR_MAPPED_ADDRESS = 0x0020;
    static final int HEADER = 20;

    private StunBinding() {
    }

    /**
     * Writes the response to {@code request} into {@code out} if it is a STUN Binding
     * request (RFC 8489 §5: top two bits zero, magic cookie, length a multiple of 4).
     *
     * @return whether a response was written
     */
    static boolean answer(ByteBuffer request, InetSocketAddress from, ByteBuffer out) {
        if (request.remaining() < HEADER
                || (request.get(0) & 0xC0) != 0
                || request.getShort(0) != BINDING_REQUEST
                || request.getInt(4) != MAGIC_COOKIE
                || (request.getShort(2) & 0x3) != 0
                || (request.getShort(2) & 0xFFFF) != request.remaining() - HEADER) {
            return false;
        }
        byte[] address = from.getAddress().getAddress();
        boolean v4 = from.getAddress() instanceof Inet4Address;
        int valueLength = 4 + address.length;
        out.putShort(BINDING_SUCCESS);
        out.putShort((short) (4 + valueLength));
        out.putInt(MAGIC_COOKIE);
        for (int i = 8; i < HEADER; i++) {
            out.put(request.get(i)); // transaction ID echoed (RFC 8489 §6.3.3)
        }
        out.putShort(XOR_MAPPED_ADDRESS);
        out.putShort((short) valueLength);
        out.put((byte) 0);
        out.put((byte) (v4 ? 0x01 : 0x02));
        out.putShort((short) (from.getPort() ^ (MAGIC_COOKIE >>> 16)));
        // X-Address: XOR with the cookie, then (IPv6) with the transaction ID (§14.2).
        for (int i = 0; i < address.length; i++) {
            int key = i < 4 ? (MAGIC_COOKIE >>> (24 - 8 * i)) & 0xFF : request.get(4 + i) & 0xFF;
            out.put((byte) (address[i] ^ key));
        }
        return true;
    }
}
