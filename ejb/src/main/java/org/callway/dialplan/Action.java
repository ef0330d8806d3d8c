package org.callway.dialplan;

/**
 * What the dial plan does with a call (extensions.conf applications): Dial, Echo, Playback,
 * Hangup.
 */
public sealed interface Action {

    /** Dial(PJSIP/peer): ring every contact of a peer. */
    record Dial(String peer) implements Action {
    }

    /** Echo(): the caller's media back to them. */
    record Echo() implements Action {
    }

    /** Playback(prompt): play a prompt or tone, then hang up. */
    record Playback(String prompt) implements Action {
    }

    /** Hangup(cause): answer with a SIP status code. */
    record Hangup(int status) implements Action {
    }
}
