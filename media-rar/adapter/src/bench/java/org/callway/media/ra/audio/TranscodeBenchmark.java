package org.callway.media.ra.audio;

import java.util.concurrent.TimeUnit;
import org.callway.media.api.PayloadFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one 20 ms frame costs a transcoding bridge, per direction: decode, resample, encode
 * and the RTP header, exactly as the engine's reader thread runs it ({@link Transcoder}).
 * A two-way G.711⇄Opus call costs the sum of both every 20 ms, so calls per core ≈
 * 20 ms / (pcmuToOpus + opusToPcmu). The input is speech-like (a few harmonics with a
 * moving pitch), so Opus does real work rather than coding silence.
 *
 * <p>On a shared, loaded machine the average time is wall time including waits for a core;
 * each iteration therefore also prints the benchmark thread's CPU time per frame
 * ({@code cpu us/op}), which is what calls per core should be estimated from.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TranscodeBenchmark {

    private static final int FRAMES = 250; // 5 s of input, cycled

    private Transcoder toOpus;
    private Transcoder toPcmu;
    private byte[][] pcmuPackets;
    private byte[][] opusPackets;
    private int next;
    private int pcmuTs;
    private int opusTs;
    private Blackhole hole;
    private final Transcoder.Sink sink = (b, off, len) -> hole.consume(b[off + len - 1]);

    @Setup
    public void setUp(Blackhole blackhole) {
        hole = blackhole;
        PayloadFormat ev8 = PayloadFormat.audio(101, "telephone-event", 8000, 1);
        PayloadFormat ev48 = PayloadFormat.audio(110, "telephone-event", 48000, 1);
        toOpus = new Transcoder(PayloadFormat.PCMU, PayloadFormat.OPUS, ev8, ev48, 1, 0, 0);
        toPcmu = new Transcoder(PayloadFormat.OPUS, PayloadFormat.PCMU, ev48, ev8, 2, 0, 0);
        short[] at8 = speech(8000);
        short[] at48 = speech(48000);
        AudioCodec pcmu = AudioCodec.of(PayloadFormat.PCMU);
        AudioCodec opus = AudioCodec.of(PayloadFormat.OPUS);
        pcmuPackets = new byte[FRAMES][];
        opusPackets = new byte[FRAMES][];
        byte[] payload = new byte[1500];
        for (int i = 0; i < FRAMES; i++) {
            int n = pcmu.encode(at8, i * 160, 160, payload, 0);
            pcmuPackets[i] = packet(0, i, payload, n);
            n = opus.encode(at48, i * 960, 960, payload, 0);
            opusPackets[i] = packet(111, i, payload, n);
        }
    }

    private static byte[] packet(int pt, int seq, byte[] payload, int n) {
        byte[] b = new byte[Rtp.HEADER + n];
        Rtp.header(b, 0, false, pt, seq, 0, 0x5EED);
        System.arraycopy(payload, 0, b, Rtp.HEADER, n);
        return b;
    }

    /** Vowel-like: 120–180 Hz pitch with harmonics falling off, syllables of 200 ms. */
    private static short[] speech(int rate) {
        short[] s = new short[FRAMES * rate / 50];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / rate;
            double pitch = 150 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * pitch / rate;
            double v = 0;
            for (int h = 1; h <= 20 && h * pitch < rate / 2.0; h++) {
                v += Math.sin(h * phase) / h;
            }
            double syllable = 0.5 + 0.5 * Math.sin(2 * Math.PI * 5 * t);
            s[i] = (short) (4000 * v * syllable);
        }
        return s;
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long cpuStart;
    private long opsStart;
    private long ops;

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void startCpu() {
        cpuStart = THREADS.getCurrentThreadCpuTime();
        opsStart = ops;
    }

    @org.openjdk.jmh.annotations.TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void reportCpu() {
        long n = ops - opsStart;
        if (n > 0) {
            System.out.printf(" [cpu %.1f us/op]", (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / n);
        }
    }

    @Benchmark
    public Transcoder.Result pcmuToOpus() {
        ops++;
        byte[] p = pcmuPackets[next++ % FRAMES];
        Rtp.put32(p, 4, pcmuTs); // timestamps move on, as on the wire
        pcmuTs += 160;
        return toOpus.transcode(p, 0, p.length, sink);
    }

    @Benchmark
    public Transcoder.Result opusToPcmu() {
        ops++;
        byte[] p = opusPackets[next++ % FRAMES];
        Rtp.put32(p, 4, opusTs);
        opusTs += 960;
        return toPcmu.transcode(p, 0, p.length, sink);
    }
}
