package org.callway.sip.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.callway.sip.message.SipMessage;
import org.callway.sip.parser.ParseResult;
import org.callway.sip.parser.SipParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parse and serialize throughput for what browsers really send: JsSIP's REGISTER and its INVITE
 * carrying Chromium's SDP offer. Single-threaded (ops/s per core). Run on demand:
 * {@code mvn -B -pl ejb -am -Pbench verify -DskipTests}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SipBench {
    private final SipParser parser = new SipParser();
    private byte[] register;
    private byte[] invite;
    private SipMessage registerMessage;
    private SipMessage inviteMessage;

    @Setup
    public void setUp() throws IOException {
        register = load("/sip/fixtures/jssip-3.13-register.sip");
        invite = load("/sip/fixtures/jssip-3.13-invite.sip");
        registerMessage = ((ParseResult.Parsed) parser.parse(register)).message();
        inviteMessage = ((ParseResult.Parsed) parser.parse(invite)).message();
    }

    private static byte[] load(String path) throws IOException {
        try (InputStream in = SipBench.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    /** Parse with the eager headers (Via, From, To, Call-ID, CSeq, Content-Length). */
    @Benchmark
    public ParseResult parseRegister() {
        return parser.parse(register);
    }

    /** Parse plus what a registrar reads next: Contact (+sip.instance, reg-id, expires) and Expires. */
    @Benchmark
    public Object parseRegisterAndReadContact() {
        SipMessage m = ((ParseResult.Parsed) parser.parse(register)).message();
        return m.headers().contacts().orElseThrow().addresses().get(0).params().get("reg-id").orElse(null)
                + m.headers().expires().orElse(0L);
    }

    @Benchmark
    public ParseResult parseInvite() {
        return parser.parse(invite);
    }

    @Benchmark
    public byte[] serializeRegister() {
        return registerMessage.serialize();
    }

    @Benchmark
    public byte[] serializeInvite() {
        return inviteMessage.serialize();
    }
}
