package org.callway.media.ra;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ice4j.StunException;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;

/**
 * ICE's STUN messages (RFC 8445 §7.1, RFC 8489) encoded and decoded with ice4j's message
 * classes. ice4j's {@link StunStack} is used only as the codec's key store: no socket is
 * ever added to it, so none of its network threads run (see the adapter's thread model).
 * MESSAGE-INTEGRITY of received messages is checked here over the raw bytes
 * (RFC 8489 §14.5), since the stack that would do it is not in the path.
 */
final class StunCodec {

    /** Looks a leg's passwords up by ufrag; all methods get the full USERNAME. */
    interface Keys {
        /** The local password of the leg whose local ufrag starts {@code username} ("L:R" or "L"). */
        byte[] localKey(String username);

        /** The remote password of the leg whose local ufrag ends {@code username} ("R:L"). */
        byte[] remoteKey(String username);
    }

    private final StunStack codec = new StunStack();

    StunCodec(Keys keys) {
        codec.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                return keys.localKey(username);
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return keys.remoteKey(username);
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return keys.localKey(username) != null;
            }
        });
    }

    static boolean isStun(byte[] b, int len) {
        return len >= 20 && (b[0] & 0xC0) == 0 && readInt(b, 4) == StunBinding.MAGIC_COOKIE;
    }

    static Message decode(byte[] b, int len) {
        try {
            return Message.decode(b, 0, len);
        } catch (StunException | RuntimeException e) {
            return null;
        }
    }

    /** A connectivity check (RFC 8445 §7.2.2): USERNAME "remote:local", keyed with the remote password. */
    byte[] check(byte[] transactionId, String remoteUfrag, String localUfrag, long priority,
            boolean controlling, long tieBreaker, boolean useCandidate) {
        Request request = MessageFactory.createBindingRequest();
        try {
            request.setTransactionID(transactionId);
        } catch (StunException e) {
            throw new IllegalArgumentException(e);
        }
        String username = remoteUfrag + ':' + localUfrag;
        request.putAttribute(AttributeFactory.createUsernameAttribute(username));
        request.putAttribute(AttributeFactory.createPriorityAttribute(priority));
        request.putAttribute(controlling
                ? AttributeFactory.createIceControllingAttribute(tieBreaker)
                : AttributeFactory.createIceControlledAttribute(tieBreaker));
        if (useCandidate) {
            request.putAttribute(AttributeFactory.createUseCandidateAttribute());
        }
        request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
        request.putAttribute(AttributeFactory.createFingerprintAttribute());
        return request.encode(codec);
    }

    /** The success response to a check (RFC 8445 §7.3.1.4), keyed with our (local) password. */
    byte[] success(Request request, InetSocketAddress from, String localUfrag) {
        Response response = MessageFactory.createBindingResponse(request, new TransportAddress(from, Transport.UDP));
        try {
            response.setTransactionID(request.getTransactionID());
        } catch (StunException e) {
            throw new IllegalArgumentException(e);
        }
        response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(localUfrag));
        response.putAttribute(AttributeFactory.createFingerprintAttribute());
        return response.encode(codec);
    }

    /** 487 Role Conflict (RFC 8445 §7.3.1.1), also integrity-protected with our password. */
    byte[] roleConflict(Request request, String localUfrag) {
        Response response = MessageFactory.createBindingErrorResponse(
                org.ice4j.attribute.ErrorCodeAttribute.ROLE_CONFLICT, "Role Conflict");
        try {
            response.setTransactionID(request.getTransactionID());
        } catch (StunException e) {
            throw new IllegalArgumentException(e);
        }
        response.putAttribute(AttributeFactory.createMessageIntegrityAttribute(localUfrag));
        response.putAttribute(AttributeFactory.createFingerprintAttribute());
        return response.encode(codec);
    }

    static byte[] newTransactionId() {
        return TransactionID.createNewTransactionID().getBytes();
    }

    static String username(Message message) {
        Attribute a = message.getAttribute(Attribute.USERNAME);
        return a instanceof org.ice4j.attribute.UsernameAttribute u
                ? new String(u.getUsername(), StandardCharsets.UTF_8) : null;
    }

    /**
     * Verifies MESSAGE-INTEGRITY (HMAC-SHA1 over the message up to the attribute, with the
     * length field covering it: RFC 8489 §14.5) against {@code key}.
     */
    static boolean integrityOk(byte[] b, int len, byte[] key) {
        if (key == null) {
            return false;
        }
        int at = 20;
        while (at + 4 <= len) {
            int type = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
            int length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            if (type == Attribute.MESSAGE_INTEGRITY) {
                if (length != 20 || at + 24 > len) {
                    return false;
                }
                byte[] covered = java.util.Arrays.copyOf(b, at);
                int coveredLength = at - 20 + 24;
                covered[2] = (byte) (coveredLength >> 8);
                covered[3] = (byte) coveredLength;
                try {
                    Mac mac = Mac.getInstance("HmacSHA1");
                    mac.init(new SecretKeySpec(key, "HmacSHA1"));
                    byte[] expected = mac.doFinal(covered);
                    return MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(b, at + 4, at + 24));
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
            at += 4 + ((length + 3) & ~3);
        }
        return false;
    }

    static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

}
