package org.callway.sdp;

/**
 * {@code a=rtcp-fb:<payload type|*> <type> [<parameter>]} (RFC 4585 §4.2), e.g.
 * {@code 111 transport-cc}, {@code 96 nack pli}, {@code 96 ccm fir}.
 *
 * @param payloadType a payload type number or {@code *} for all
 * @param parameter   null when absent
 */
public record RtcpFb(String payloadType, String type, String parameter) {

    static RtcpFb parse(String value) {
        String[] f = Syntax.fields(value, 2, "a=rtcp-fb needs <payload type> <feedback type>");
        if (!f[0].equals("*")) {
            Syntax.payloadType(f[0]);
        }
        String param = f.length > 2 ? String.join(" ", java.util.Arrays.copyOfRange(f, 2, f.length)) : null;
        return new RtcpFb(f[0], f[1], param);
    }

    /** True for this payload type or the wildcard. */
    public boolean appliesTo(int pt) {
        return payloadType.equals("*") || payloadType.equals(String.valueOf(pt));
    }

    /** {@code type} or {@code type parameter}, as it reads after the payload type. */
    public String feedback() {
        return parameter == null ? type : type + " " + parameter;
    }

    /** The same feedback for another payload type. */
    public RtcpFb forPayloadType(int pt) {
        return new RtcpFb(String.valueOf(pt), type, parameter);
    }

    /** The attribute to write. */
    public Attribute attribute() {
        return Attribute.of("rtcp-fb", payloadType + " " + feedback());
    }
}
