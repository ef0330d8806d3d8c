package org.callway.sdp;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2): the MediaStream a track belongs to.
 *
 * @param trackId null when absent
 */
public record Msid(String streamId, String trackId) {

    static Msid parse(String value) {
        String[] f = Syntax.fields(value, 1, "a=msid needs <stream id>");
        return new Msid(f[0], f.length > 1 ? f[1] : null);
    }

    /** The attribute to write. */
    public Attribute attribute() {
        return Attribute.of("msid", trackId == null ? streamId : streamId + " " + trackId);
    }
}
