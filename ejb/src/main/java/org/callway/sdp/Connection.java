package org.callway.sdp;

/**
 * A c= line (RFC 8866 §5.7): {@code IN IP4 <address>} or {@code IN IP6 <address>}. The
 * multicast suffixes (/ttl, /count) are kept in {@code address} but not used by Callway.
 */
public record Connection(String addrType, String address) {

    static Connection parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length != 3) {
            throw new IllegalArgumentException("c= needs IN <addrtype> <address>");
        }
        if (!f[0].equals("IN")) {
            throw new IllegalArgumentException("c= network type '" + f[0] + "' is not IN");
        }
        if (!f[1].equals("IP4") && !f[1].equals("IP6")) {
            throw new IllegalArgumentException("c= address type '" + f[1] + "' is not IP4 or IP6");
        }
        return new Connection(f[1], f[2]);
    }

    /** A c= for this literal address, IP6 if it contains a colon. */
    public static Connection of(String address) {
        return new Connection(address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /** The address without a multicast /ttl or /count suffix. */
    public String host() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /** RFC 3264 §8.4 (and RFC 2543 before it): 0.0.0.0 put a stream on hold. */
    public boolean isUnspecified() {
        return host().equals("0.0.0.0") || host().equals("::");
    }

    /** As a {@link Field} for writing. */
    public Field field() {
        return new Field('c', "IN " + addrType + " " + address);
    }
}
