package org.callway.media.ra.srtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SRTP protect and unprotect per second through {@link SrtpSession} (jitsi-srtp), one
 * 12-byte RTP header + 160-byte payload (20 ms of G.711), per profile. Run with the
 * {@code bench} profile (see media-rar/adapter/pom.xml); never part of the test run.
 *
 * <p>Unprotect cycles through a ring of pre-protected packets, so its receiver runs with
 * the replay window off (the only difference from the engine's sessions); the window check
 * is a few bit operations next to AES and the tag.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpBenchmark {

    private static final int RING = 1024;

    @Param({"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    private SrtpSession sender;
    private SrtpSession receiver;
    private final byte[] template = new byte[12 + 160];
    private final PacketBuffer packet = new PacketBuffer(512);
    private byte[][] protectedRing;
    private int seq;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        byte[] key = new byte[p.keyLength()];
        byte[] salt = new byte[p.saltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 13 + 1);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7 + 5);
        }
        sender = new SrtpSession(p, key, salt, key, salt);
        receiver = new SrtpSession(p, key, salt, key, salt, false);
        template[0] = (byte) 0x80;
        template[8] = (byte) 0xCA;
        template[9] = (byte) 0xFE;
        template[10] = (byte) 0xBA;
        template[11] = (byte) 0xBE;
        for (int i = 12; i < template.length; i++) {
            template[i] = (byte) i;
        }
        SrtpSession ringSender = new SrtpSession(p, key, salt, key, salt);
        protectedRing = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            PacketBuffer b = new PacketBuffer(512).set(stamp(i + 1), 0, template.length);
            if (!ringSender.protectRtp(b)) {
                throw new IllegalStateException("protect failed");
            }
            protectedRing[i] = b.toArray();
        }
        ringSender.close();
    }

    private byte[] stamp(int sequence) {
        template[2] = (byte) (sequence >> 8);
        template[3] = (byte) sequence;
        template[4] = (byte) (sequence >> 24);
        template[5] = (byte) (sequence >> 16);
        template[6] = (byte) (sequence >> 8);
        template[7] = (byte) sequence;
        return template;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        receiver.close();
    }

    @Benchmark
    public int protect() {
        packet.set(stamp(++seq), 0, template.length);
        if (!sender.protectRtp(packet)) {
            throw new IllegalStateException("protect failed");
        }
        return packet.getLength();
    }

    @Benchmark
    public int unprotect() {
        byte[] wire = protectedRing[next];
        next = (next + 1) & (RING - 1);
        packet.set(wire, 0, wire.length);
        if (receiver.unprotectRtp(packet) != SrtpSession.Result.OK) {
            throw new IllegalStateException("unprotect failed");
        }
        return packet.getLength();
    }
}
