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

    /** Media received on either leg is sent out of the other. */
    void bridge(LegId a, LegId b);

    /** Media received on the leg is sent back out of it. */
    void echo(LegId leg);

    /** Stops the leg's media and forgets it; bridged partners stop forwarding to it. */
    void closeLeg(LegId leg);

    LegStats stats(LegId leg);

    /** Returns the handle to the pool; the engine, its sockets and legs stay up. */
    @Override
    void close();
}
