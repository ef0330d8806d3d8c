package org.callway.sip.dialog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.callway.sip.message.Address;
import org.callway.sip.message.Contacts;
import org.callway.sip.message.Header;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.Headers;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.SipUri;
import org.callway.sip.message.Uri;
import org.callway.sip.message.Via;
import org.callway.sip.transport.Flow;

/**
 * One dialog's state (RFC 3261 §12.1): id, local/remote sequence numbers, local/remote URIs,
 * remote target, route set, and the flow its peer is reached over (RFC 5626: a WebSocket client
 * only ever over its own connection). Thread-safe.
 */
public final class Dialog {

    public enum State { EARLY, CONFIRMED, TERMINATED }

    /** "No sequence number yet" (§12.1.1: the UAS's local sequence number starts empty). */
    public static final long EMPTY = -1;

    private final DialogId id;
    private final boolean uac;
    private final Address localUri;
    private final Address remoteUri;
    private final boolean secure;
    private State state;
    private long localSeq;
    private long remoteSeq;
    private Uri remoteTarget;
    private List<Address> routeSet;
    private Flow flow;

    private Dialog(DialogId id, boolean uac, Address localUri, Address remoteUri, boolean secure, State state,
                   long localSeq, long remoteSeq, Uri remoteTarget, List<Address> routeSet, Flow flow) {
        this.id = id;
        this.uac = uac;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.secure = secure;
        this.state = state;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.flow = flow;
    }

    /**
     * UAS side (§12.1.1), from the dialog-creating request and our 1xx/2xx (which carries our To
     * tag): route set = Record-Route in order, remote target = the request's Contact.
     */
    static Dialog asUas(SipRequest request, SipResponse response, Flow flow) {
        String localTag = response.to().tag().orElseThrow(() -> new IllegalArgumentException("response without To tag"));
        DialogId id = new DialogId(request.callId(), localTag, request.from().tag().orElse(""));
        boolean secure = request.uri() instanceof SipUri u && u.secure() && flow.transport().secure();
        return new Dialog(id, false, response.to(), request.from(), secure, state(response), EMPTY,
                request.cseq().number(), contact(request).orElse(request.from().uri()),
                List.copyOf(request.headers().recordRoutes()), flow);
    }

    /**
     * UAC side (§12.1.2), from our request and a 1xx/2xx with a To tag: route set = Record-Route
     * reversed, remote target = the response's Contact.
     */
    static Dialog asUac(SipRequest request, SipResponse response, Flow flow) {
        String remoteTag = response.to().tag().orElseThrow(() -> new IllegalArgumentException("response without To tag"));
        DialogId id = new DialogId(request.callId(), request.from().tag().orElse(""), remoteTag);
        List<Address> rr = new ArrayList<>(response.headers().recordRoutes());
        Collections.reverse(rr);
        boolean secure = request.uri() instanceof SipUri u && u.secure() && flow.transport().secure();
        return new Dialog(id, true, request.from(), response.to(), secure, state(response), request.cseq().number(),
                EMPTY, contact(response).orElse(request.uri()), List.copyOf(rr), flow);
    }

    private static State state(SipResponse r) {
        return r.success() ? State.CONFIRMED : State.EARLY;
    }

    private static Optional<Uri> contact(org.callway.sip.message.SipMessage m) {
        return m.headers().contacts().filter(c -> !c.wildcard() && !c.addresses().isEmpty())
                .map(c -> c.addresses().get(0).uri());
    }

    public DialogId id() {
        return id;
    }

    public boolean uac() {
        return uac;
    }

    public boolean secure() {
        return secure;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized long localSeq() {
        return localSeq;
    }

    public synchronized long remoteSeq() {
        return remoteSeq;
    }

    public synchronized Uri remoteTarget() {
        return remoteTarget;
    }

    public synchronized List<Address> routeSet() {
        return routeSet;
    }

    public synchronized Flow flow() {
        return flow;
    }

    public Address localUri() {
        return localUri;
    }

    public Address remoteUri() {
        return remoteUri;
    }

    /**
     * A 1xx/2xx for the dialog-creating request, or a 2xx to a target refresh: confirms an early
     * dialog, refreshes the remote target (§12.2.1.2) and, while early, the route set (§12.1.2
     * recomputes it from the 2xx).
     */
    synchronized void update(SipResponse response) {
        if (state == State.TERMINATED) return;
        if (response.success() && state == State.EARLY) {
            state = State.CONFIRMED;
            if (uac) {
                List<Address> rr = new ArrayList<>(response.headers().recordRoutes());
                Collections.reverse(rr);
                routeSet = List.copyOf(rr);
            }
        }
        // Only a UAC learns the remote target from a response (§12.1.2, §12.2.1.2); a UAS dialog's
        // responses are our own, and their Contact is ours, not the peer's.
        if (uac && response.status() >= 101) contact(response).ifPresent(t -> remoteTarget = t);
    }

    /** Our own 1xx/2xx in this dialog (§12.1.1, §12.2.2): a 2xx confirms it; nothing else changes. */
    synchronized void answered(SipResponse response) {
        if (state == State.EARLY && response.success()) {
            state = State.CONFIRMED;
        }
    }

    /** Outcome of checking an in-dialog request (§12.2.2). */
    public enum Check { ACCEPT, OUT_OF_ORDER }

    /**
     * §12.2.2: a request with a CSeq lower than the remote sequence number is out of order (500);
     * otherwise the remote sequence number advances and a target refresh request (INVITE, UPDATE,
     * SUBSCRIBE, NOTIFY, REFER; RFC 3261, 3311, 6665, 3515) with a Contact replaces the remote target.
     */
    synchronized Check accept(SipRequest request, Flow from) {
        long cseq = request.cseq().number();
        if (remoteSeq != EMPTY && cseq < remoteSeq) return Check.OUT_OF_ORDER;
        remoteSeq = cseq;
        if (isTargetRefresh(request.method())) contact(request).ifPresent(t -> remoteTarget = t);
        flow = from; // RFC 5626: the peer's latest flow (a reconnected WebSocket, a NAT rebinding) is the way back
        return Check.ACCEPT;
    }

    static boolean isTargetRefresh(String method) {
        return switch (method) {
            case SipMethods.INVITE, SipMethods.UPDATE, SipMethods.SUBSCRIBE, SipMethods.NOTIFY, SipMethods.REFER -> true;
            default -> false;
        };
    }

    synchronized void terminate() {
        state = State.TERMINATED;
    }

    /**
     * Builds an in-dialog request (§12.2.1.1): To = remote URI + remote tag, From = local URI +
     * local tag, the Call-ID, CSeq = local sequence + 1 (for ACK and CANCEL the caller passes
     * the INVITE's number); Request-URI and Route from the remote target and route set — loose
     * routing if the first route has {@code ;lr}, else strict routing (the first route becomes
     * the Request-URI and the remote target goes last).
     *
     * @param via the top Via with a fresh branch (the transport layer's {@code via(flow, branch)})
     * @param contact our Contact for target refresh requests, or null
     * @param cseq the CSeq number to use, or {@link #EMPTY} to take the next local one
     */
    public synchronized SipRequest createRequest(String method, Via via, Address contact, long cseq) {
        long n;
        if (cseq != EMPTY) {
            n = cseq;
        } else {
            // §12.1.1: a UAS's local sequence number starts empty; §8.1.1.5 allows any start below 2**31
            localSeq = localSeq == EMPTY ? 1 : localSeq + 1;
            n = localSeq;
        }
        Uri ruri;
        List<Address> routes = new ArrayList<>(routeSet);
        if (routes.isEmpty() || routes.get(0).uri() instanceof SipUri first && first.looseRouting()) {
            ruri = remoteTarget;
        } else {
            Uri first = routes.remove(0).uri();
            ruri = first instanceof SipUri s ? s.withoutHeaders() : first;
            routes.add(Address.of(remoteTarget));
        }
        List<Header> h = new ArrayList<>(10);
        h.add(new Header(HeaderNames.VIA, via.toString()));
        h.add(new Header(HeaderNames.MAX_FORWARDS, "70"));
        h.add(new Header(HeaderNames.FROM, localUri.withTag(id.localTag()).toString()));
        h.add(new Header(HeaderNames.TO, remoteUri.withTag(id.remoteTag()).toString()));
        h.add(new Header(HeaderNames.CALL_ID, id.callId()));
        h.add(new Header(HeaderNames.CSEQ, n + " " + method));
        for (Address r : routes) h.add(new Header(HeaderNames.ROUTE, r.toString()));
        if (contact != null && isTargetRefresh(method)) { // §12.2.1.1: target refreshes carry our Contact
            h.add(new Header(HeaderNames.CONTACT, contact.toString()));
        }
        h.add(new Header(HeaderNames.CONTENT_LENGTH, "0"));
        return new SipRequest(method, ruri, new Headers(h), null);
    }

    @Override
    public String toString() {
        return "Dialog" + id + " " + state().name().toLowerCase(Locale.ROOT);
    }
}
