package org.callway.media.api;

import java.io.Serializable;

/** What the engine tells its user about a leg; delivered to a {@link MediaEventListener}. */
public sealed interface MediaEvent extends Serializable {

    LegId leg();

    /** RFC 8445 §8: a pair was nominated; media flows to {@code remote}. */
    record IceConnected(LegId leg, String remote) implements MediaEvent { }

    /** RFC 8445 §7.2.5.3.3 / timeout: no pair worked. */
    record IceFailed(LegId leg, String reason) implements MediaEvent { }

    /** DTLS handshake done, SRTP keys installed ({@code profile} is the use_srtp profile name). */
    record DtlsConnected(LegId leg, String profile) implements MediaEvent { }

    /** DTLS failed: handshake error, timeout or fingerprint mismatch (RFC 5763 §5). */
    record DtlsFailed(LegId leg, String reason) implements MediaEvent { }

    /** RFC 7675 §5.1: no consent response for 30 s; the leg has stopped sending. */
    record ConsentLost(LegId leg) implements MediaEvent { }

    /** The first media packet was accepted on this leg. */
    record FirstMedia(LegId leg) implements MediaEvent { }

    /** A {@link Prompt} played by {@link MediaConnection#play} reached its end. */
    record PlaybackDone(LegId leg) implements MediaEvent { }
}
