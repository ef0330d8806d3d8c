package org.callway.sip.testutil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.callway.sip.message.SipMessage;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.parser.ParseResult;
import org.callway.sip.parser.SipParser;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.FlowSender;

/** A FlowSender that records what the stack would have put on the wire. */
public final class RecordingSender implements FlowSender {
    /** One write: the flow, the destination chosen, the bytes. */
    public record Sent(Flow flow, InetSocketAddress destination, byte[] bytes) {
        public SipMessage message() {
            return ((ParseResult.Parsed) new SipParser().parse(bytes)).message();
        }

        public SipResponse response() {
            return (SipResponse) message();
        }

        public SipRequest request() {
            return (SipRequest) message();
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public final List<Sent> sent = new ArrayList<>();
    public final List<Flow> closed = new ArrayList<>();
    public boolean fail;

    @Override
    public synchronized boolean send(Flow flow, InetSocketAddress destination, byte[] bytes) {
        if (fail) return false;
        sent.add(new Sent(flow, destination, bytes));
        return true;
    }

    @Override
    public void close(Flow flow) {
        closed.add(flow);
    }

    public Sent last() {
        return sent.get(sent.size() - 1);
    }

    public List<SipResponse> responses() {
        return sent.stream().filter(s -> !s.text().startsWith("\r\n")).map(Sent::message)
                .filter(m -> m instanceof SipResponse).map(m -> (SipResponse) m).toList();
    }

    public List<SipRequest> requests() {
        return sent.stream().filter(s -> !s.text().startsWith("\r\n")).map(Sent::message)
                .filter(m -> m instanceof SipRequest).map(m -> (SipRequest) m).toList();
    }

    public void clear() {
        sent.clear();
    }
}
