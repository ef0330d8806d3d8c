package org.callway.sdp;

/**
 * The o= line (RFC 8866 §5.2): {@code <username> <sess-id> <sess-version> <nettype> <addrtype> <address>}.
 * The session version must grow by one in each new offer or answer of a dialog (RFC 3264 §8).
 */
public record Origin(String username, String sessionId, long sessionVersion, String netType, String addrType,
        String address) {

    static Origin parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length != 6) {
            throw new IllegalArgumentException("o= needs 6 fields: <username> <sess-id> <sess-version> IN <addrtype> <address>");
        }
        if (!Syntax.isDigits(f[2], 18)) {
            throw new IllegalArgumentException("o= session version is not a number");
        }
        return new Origin(f[0], f[1], Long.parseLong(f[2]), f[3], f[4], f[5]);
    }

    /** The same origin with the version bumped, for the next offer or answer in the dialog. */
    public Origin next() {
        return new Origin(username, sessionId, sessionVersion + 1, netType, addrType, address);
    }

    String value() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }
}
