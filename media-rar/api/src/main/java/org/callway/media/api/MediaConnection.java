package org.callway.media.api;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A handle onto the adapter's media engine. Not thread-safe; one per use. Legs outlive
 * the handle: they live until {@link #closeLeg} (the engine owns them, not the pool).
 */
public interface MediaConnection extends AutoCloseable {

    /** The shared UDP sockets the adapter has bound for media, as bound (real ports). */
    List<InetSocketAddress> mediaAddresses();

    /**
     * Allocates a leg on the shared sockets.
     *
     * @param kind     WebRTC (ICE + DTLS-SRTP) or plain RTP/AVP
     * @param role     ICE role (ignored for RTP/AVP): the offerer is controlling
     * @param listener where the leg's events go
     */
    LegId allocate(LegKind kind, IceRole role, MediaEventListener listener);

    /** ICE credentials, candidates, DTLS fingerprint and setup for the SDP. */
    LocalParameters localParameters(LegId leg);

    /** The far end's SDP; starts ICE (and then DTLS) for a WebRTC leg. */
    void remoteParameters(LegId leg, RemoteParameters remote);

    /** A trickled candidate (RFC 8838) arriving after {@link #remoteParameters}. */
    void addRemoteCandidate(LegId leg, IceCandidate candidate);

    /**
     * ICE restart (RFC 8445 §9) of a WebRTC leg: new ufrag and password for the re-offer, which
     * this returns; media keeps using the current pair until the far end's answer (through
     * {@link #remoteParameters}) lets the new checks select one. A re-offer from the far end
     * with a new ufrag restarts the leg the same way without this call.
     */
    LocalParameters restartIce(LegId leg);

    /**
     * The payload formats the leg's SDP agreed on, audio first in preference order; the first
     * audio format is what the engine sends on that leg. Without this call a leg's media is
     * relayed untouched.
     */
    void formats(LegId leg, List<PayloadFormat> formats);

    /**
     * Media received on either leg is sent out of the other: untouched when both legs use the
     * same codec (payload type renumbered if the legs number it differently), transcoded when
     * their first audio formats differ (Opus and G.711). A prompt playing into either leg
     * stops, without {@link MediaEvent.PlaybackDone}; the far end hears one continuous stream.
     */
    void bridge(LegId a, LegId b);

    /**
     * Plays a prompt into the leg in its first audio format (PCMU without {@link #formats}),
     * replacing what the leg was sent before until it ends; {@link MediaEvent.PlaybackDone}
     * follows at its end. A WebRTC leg hears it from its start once DTLS has made keys.
     *
     * @throws IllegalArgumentException for an unknown or unreadable WAV prompt, or a first
     *                                  audio format other than PCMU, PCMA or Opus
     */
    void play(LegId leg, Prompt prompt);

    /** Media received on the leg is sent back out of it (a prompt playing into it stops). */
    void echo(LegId leg);

    /** Stops the leg's media and forgets it; bridged partners stop forwarding to it. */
    void closeLeg(LegId leg);

    LegStats stats(LegId leg);

    /** Legs the engine holds now (allocated and not yet closed): what a leak would show in. */
    int legCount();

    /** Returns the handle to the pool; the engine, its sockets and legs stay up. */
    @Override
    void close();
}
