package org.callway.sdp;

/** Why the far end's SDP is not acceptable; thrown inside the package, returned as {@link Negotiation.Rejected}. */
final class Refusal extends RuntimeException {

    Refusal(String reason) {
        super(reason, null, false, false);
    }

    Negotiation.Rejected rejected() {
        return new Negotiation.Rejected(getMessage());
    }
}
