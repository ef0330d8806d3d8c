package org.callway.call;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callway.media.api.LegId;
import org.callway.sip.dialog.Dialog;
import org.callway.sip.transport.Flow;

/**
 * One call in progress. For the built-in applications (echo, playback) it has one SIP leg and
 * one media leg; a bridged call (Dial) has a second of each.
 */
final class Call {

    final String callId;
    final String caller;
    final String callee;
    final Instant start;
    final LegId callerMedia;
    final Flow callerFlow;
    volatile Dialog callerDialog;
    volatile Dialog calleeDialog;
    volatile org.callway.sip.ua.IncomingRequest callerRequest;
    volatile org.callway.sdp.SessionDescription callerOffer;
    volatile org.callway.peer.Peer callerPeer;
    volatile org.callway.peer.Peer calleePeer;
    /** The last SDP we sent each side, to bump its o= version in re-answers (RFC 3264 §8). */
    volatile org.callway.sdp.SessionDescription callerAnswer;
    volatile org.callway.sdp.SessionDescription calleeSdp;
    /** The callee's latest SDP on the callee leg (its ICE ufrag, for trickle INFO). */
    volatile org.callway.sdp.SessionDescription calleeRemote;
    /** The callee's first answer: its DTLS role (a=setup) holds for the whole call. */
    volatile org.callway.sdp.SessionDescription calleeFirstRemote;
    volatile boolean ringing;
    /** The INVITEs to the callee's contacts; the first 2xx wins. */
    final java.util.List<CallService.Fork> forks = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile LegId calleeMedia;
    volatile Instant answered;
    volatile String codec;
    /** The callee leg's audio codec: differs from {@link #codec} when the engine transcodes. */
    volatile String calleeCodec;
    /** How Dial bridges the audio (relay or transcode), decided before the callee is offered. */
    volatile org.callway.sdp.BridgePlan bridgePlan;
    /** The video codec offered to the callee, if the call has video (BUNDLEd with the audio). */
    volatile String videoCodec;
    /** Hold/resume relayed to the other party (re-INVITEs in progress, directions offered). */
    final ReinviteRelay.State relay = new ReinviteRelay.State();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** RTP timeout: per leg (caller, callee) the packet count last seen and since when; the sweep's own. */
    final long[] packetsSeen = {-1, -1};
    final long[] packetsSeenSince = new long[2];

    Call(String callId, String caller, String callee, Instant start, LegId callerMedia, Flow callerFlow) {
        this.callId = callId;
        this.caller = caller;
        this.callee = callee;
        this.start = start;
        this.callerMedia = callerMedia;
        this.callerFlow = callerFlow;
    }

    /** The INVITE that started the call (echo calls set it too, for a late failure answer). */
    org.callway.sip.ua.IncomingRequest callerRequest() {
        return callerRequest;
    }

    boolean isEnded() {
        return ended.get();
    }

    /** True for the one thread that gets to end the call (BYE, media loss, admin hang-up race). */
    boolean end() {
        return ended.compareAndSet(false, true);
    }
}
