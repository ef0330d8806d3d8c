package org.callway.sdp;

import java.util.Locale;
import java.util.Optional;

/** The media direction attributes (RFC 8866 §6.7; RFC 3264 §5.1, §6.1). */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute name. */
    public String sdp() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What an answer says to an offer with this direction (RFC 3264 §6.1): sendonly is
     * answered recvonly (the far end puts us on hold) and back; inactive stays inactive.
     */
    public Direction answer() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case SENDRECV, INACTIVE -> this;
        };
    }

    /** The direction named by an attribute, if it is one. */
    public static Optional<Direction> fromSdp(String name) {
        for (Direction d : values()) {
            if (d.sdp().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** As a property attribute. */
    public Attribute attribute() {
        return Attribute.of(sdp());
    }
}
