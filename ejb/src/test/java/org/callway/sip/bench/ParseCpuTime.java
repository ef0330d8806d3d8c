package org.callway.sip.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.callway.sip.parser.SipParser;

/**
 * Parse cost in thread CPU time, a companion to {@link SipBench} for a shared machine: JMH's
 * ops/s is wall-clock and drops when other builds steal the core, CPU time per parse does much
 * less. Compiled by the bench profile; run after it with
 * {@code java -cp ejb/target/classes:ejb/target/test-classes:config/target/classes org.callway.sip.bench.ParseCpuTime}.
 */
public final class ParseCpuTime {
    private ParseCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SipParser parser = new SipParser();
        byte[][] msgs = {load("/sip/fixtures/jssip-3.13-register.sip"), load("/sip/fixtures/jssip-3.13-invite.sip")};
        String[] names = {"REGISTER", "INVITE+SDP"};
        Object sink = null;
        for (int round = 0; round < 8; round++) {
            for (int m = 0; m < msgs.length; m++) {
                int n = 2_000_000;
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) sink = parser.parse(msgs[m]);
                long cpu = mx.getCurrentThreadCpuTime() - c0;
                if (round >= 5) { // after warm-up
                    System.out.printf("%-10s %6.0f ns CPU/parse = %,.0f parses/s/core%n", names[m], cpu / (double) n, n * 1e9 / cpu);
                }
            }
        }
        if (sink == null) throw new AssertionError();
    }

    private static byte[] load(String path) throws IOException {
        try (InputStream in = ParseCpuTime.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
