package org.callway.media.ra;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.RemoteParameters;
import org.callway.media.ra.srtp.PacketBuffer;
import org.callway.media.ra.srtp.SrtpProfile;
import org.callway.media.ra.srtp.SrtpSession;

/**
 * Load on the relay, on demand ({@code mvn -Pbench-relay test}): N concurrent calls, each two
 * phones sending 20 ms audio packets (50/s, 12 + 160 bytes) to each other through one engine
 * on 127.0.0.1. Even calls bridge SRTP⇄RTP (an SDES leg to a plain leg), odd calls
 * SRTP⇄SRTP (two SDES legs); the SRTP phones protect and unprotect with their own SDES keys
 * (RFC 4568), so every relayed packet is authenticated, decrypted and re-encrypted as in a
 * real call. Per N it reports packets relayed per CPU-second of the engine's own threads,
 * loss, added latency (send to receive, p50/p99) and heap per leg.
 *
 * <p>The phones run on {@code phoneThreads} threads of their own (Selector-driven, each
 * sending its share every 20 ms), which share the cores with the engine: on a small machine
 * the load generator is part of the load.
 */
public final class RelayLoad {

    private static final int PAYLOAD = 160;
    private static final long TICK_NANOS = 20_000_000;
    /** Phones send in 20 slices of the 20 ms tick, as unsynchronised calls would, not all at once. */
    private static final int SLICES = 20;

    /** One end of a call: its socket, its SRTP session (null for a plain phone), its counters. */
    private static final class Phone {
        final DatagramChannel channel;
        final int ssrc;
        SrtpSession srtp;
        SdesCrypto offer;
        InetSocketAddress engine;
        int seq;
        long sent;
        long received;

        Phone(DatagramChannel channel, int ssrc) {
            this.channel = channel;
            this.ssrc = ssrc;
        }
    }

    /**
     * One N. Rates come from the measured window; loss from whole-run totals read once sending
     * has stopped and the last packets have landed (window snapshots taken one after the other
     * would count a packet sent in one and relayed before the next as lost).
     */
    private record Step(int calls, long sent, long engineIn, long received, double engineCpuSeconds, double seconds,
            long p50Micros, long p99Micros, long heapPerLegBytes, long sentTotal, long inTotal, long receivedTotal) { }

    public static void main(String[] args) throws Exception {
        int[] ns = Arrays.stream((args.length > 0 ? args[0] : "100,300,1000").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int phoneThreads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        readers = args.length > 3 ? Integer.parseInt(args[3]) : UdpReaderWork.defaultReaders();
        List<Step> steps = new ArrayList<>();
        for (int n : ns) {
            Step s = run(n, seconds, phoneThreads);
            steps.add(s);
            print(s);
        }
        System.out.println();
        System.out.println("| calls | streams | pps offered | pps relayed | packets / engine CPU-s | lost before engine | loss end to end | latency p50 | p99 | heap / leg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Step s : steps) {
            System.out.println(String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.0f | %.3f %% | %.3f %% | %d µs | %d µs | %d B |",
                    s.calls(), 2 * s.calls(), s.sent() / s.seconds(), s.received() / s.seconds(),
                    s.engineIn() / s.engineCpuSeconds(), 100.0 * (s.sentTotal() - s.inTotal()) / Math.max(1, s.sentTotal()),
                    100.0 * (s.sentTotal() - s.receivedTotal()) / Math.max(1, s.sentTotal()),
                    s.p50Micros(), s.p99Micros(), s.heapPerLegBytes()));
        }
    }

    private static void print(Step s) {
        System.out.println(String.format(Locale.ROOT,
                "N=%d: sent %d, engine took %d, received %d in %.1f s, engine CPU %.2f s, %.0f packets/CPU-s, p50 %d µs p99 %d µs, heap/leg %d B; whole run: sent %d, engine took %d, received %d",
                s.calls(), s.sent(), s.engineIn(), s.received(), s.seconds(), s.engineCpuSeconds(),
                s.engineIn() / s.engineCpuSeconds(), s.p50Micros(), s.p99Micros(), s.heapPerLegBytes(),
                s.sentTotal(), s.inTotal(), s.receivedTotal()));
    }

    /** Reader Works on the engine's shared port (4th argument; default one per core). */
    private static int readers;

    private static Step run(int calls, int seconds, int phoneThreads) throws Exception {
        ThreadWorkManager work = new ThreadWorkManager();
        MediaEngine engine = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)),
                MediaEngine.Settings.defaults()).readersPerSocket(readers);
        engine.start();
        InetSocketAddress engineAddress = engine.addresses().get(0);
        SecureRandom random = new SecureRandom();
        long heapBefore = heapAfterGc();
        List<Phone> phones = new ArrayList<>();
        List<LegId> legIds = new ArrayList<>();
        int legs = 0;
        for (int i = 0; i < calls; i++) {
            boolean srtpToSrtp = i % 2 == 1;
            Phone x = phone(2 * i + 1, engineAddress);
            Phone y = phone(2 * i + 2, engineAddress);
            LegId a = sdesLeg(engine, x, random);
            LegId b;
            if (srtpToSrtp) {
                b = sdesLeg(engine, y, random);
            } else {
                b = engine.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
                engine.remoteParameters(b, RemoteParameters.plainRtp("127.0.0.1", port(y)));
            }
            engine.bridge(a, b);
            legIds.add(a);
            legIds.add(b);
            legs += 2;
            phones.add(x);
            phones.add(y);
        }
        long heapPerLeg = (heapAfterGc() - heapBefore) / legs;


        // Phone threads: each owns a slice of the phones, sends every 20 ms and reads what comes.
        long[][] latencies = new long[phoneThreads][];
        int[] latencyCount = new int[phoneThreads];
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean sending = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(phoneThreads);
        List<Thread> threads = new ArrayList<>();
        int perSecond = 2 * calls * 50;
        for (int t = 0; t < phoneThreads; t++) {
            int slice = t;
            latencies[t] = new long[perSecond * (seconds + 1) / phoneThreads + 1000];
            List<Phone> mine = new ArrayList<>();
            for (int p = t; p < phones.size(); p += phoneThreads) {
                mine.add(phones.get(p));
            }
            Thread thread = new Thread(() -> {
                try {
                    drive(mine, running, sending, measuring, latencies[slice], latencyCount, slice);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "relay-load-phones-" + t);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(2_000); // warm-up: JIT, SRTP contexts, first packets held for keys
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] sentBefore = counters(phones, true);
        long[] receivedBefore = counters(phones, false);
        long cpuBefore = engineCpu(work, mx);
        long inBefore = legIds.stream().mapToLong(l -> engine.stats(l).packetsIn()).sum();
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long t1 = System.nanoTime();
        long cpuAfter = engineCpu(work, mx);
        sending.set(false);
        Thread.sleep(300); // what is in flight when sending stops still counts
        long inAfter = legIds.stream().mapToLong(l -> engine.stats(l).packetsIn()).sum();
        long[] sentAfter = counters(phones, true);
        running.set(false);
        done.await();
        long[] receivedAfter = counters(phones, false);
        long inTotal = legIds.stream().mapToLong(l -> engine.stats(l).packetsIn()).sum();
        java.util.Map<org.callway.media.api.DropReason, Long> drops = new java.util.EnumMap<>(org.callway.media.api.DropReason.class);
        for (LegId l : legIds) {
            engine.stats(l).drops().forEach((r, n) -> drops.merge(r, n, Long::sum));
        }
        drops.values().removeIf(n -> n == 0);
        System.out.println("N=" + calls + ": engine drops " + drops + ", unrouted " + engine.unroutedDrops());
        long sent = sentAfter[0] - sentBefore[0];
        long received = receivedAfter[0] - receivedBefore[0];
        int total = 0;
        for (int c : latencyCount) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < phoneThreads; t++) {
            System.arraycopy(latencies[t], 0, all, at, latencyCount[t]);
            at += latencyCount[t];
        }
        Arrays.sort(all);
        long p50 = all.length == 0 ? -1 : all[all.length / 2] / 1000;
        long p99 = all.length == 0 ? -1 : all[(int) (all.length * 0.99)] / 1000;
        engine.stop();
        for (Phone p : phones) {
            p.channel.close();
        }
        return new Step(calls, sent, inAfter - inBefore, Math.min(received, sent), (cpuAfter - cpuBefore) / 1e9, (t1 - t0) / 1e9, p50, p99,
                heapPerLeg, sentAfter[0], inTotal, receivedAfter[0]);
    }

    private static long[] counters(List<Phone> phones, boolean sent) {
        long sum = 0;
        for (Phone p : phones) {
            synchronized (p) {
                sum += sent ? p.sent : p.received;
            }
        }
        return new long[] {sum};
    }

    /** CPU time of the engine's threads only (reader, ticker, handshake workers). */
    private static long engineCpu(ThreadWorkManager work, ThreadMXBean mx) {
        long sum = 0;
        for (Thread t : work.threads) {
            long cpu = mx.getThreadCpuTime(t.getId());
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    private static Phone phone(int ssrc, InetSocketAddress engine) throws Exception {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
        c.bind(new InetSocketAddress("127.0.0.1", 0));
        c.configureBlocking(false);
        Phone p = new Phone(c, ssrc);
        p.engine = engine;
        return p;
    }

    private static int port(Phone p) throws Exception {
        return ((InetSocketAddress) p.channel.getLocalAddress()).getPort();
    }

    /** An SDES leg toward {@code phone}: the phone offers (RFC 4568 §6.1), the engine answers, both key. */
    private static LegId sdesLeg(MediaEngine engine, Phone phone, SecureRandom random) throws Exception {
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        byte[] keySalt = new byte[profile.keyLength() + profile.saltLength()];
        random.nextBytes(keySalt);
        phone.offer = new SdesCrypto(1, profile, keySalt);
        LegId leg = engine.allocate(LegKind.SDES, IceRole.CONTROLLED, null);
        engine.remoteParameters(leg, RemoteParameters.sdes("127.0.0.1", port(phone), List.of(phone.offer.format())));
        SdesCrypto answer = SdesCrypto.parse(engine.localParameters(leg).crypto().get(0));
        phone.srtp = new SrtpSession(profile, phone.offer.key(), phone.offer.salt(), answer.key(), answer.salt());
        return leg;
    }

    /** One phone thread: every 20 ms each phone sends a packet stamped with the time; reads all the while. */
    private static void drive(List<Phone> phones, AtomicBoolean running, AtomicBoolean sending, AtomicBoolean measuring, long[] latencies,
            int[] latencyCount, int slot) throws Exception {
        Selector selector = Selector.open();
        for (Phone p : phones) {
            p.channel.register(selector, SelectionKey.OP_READ, p);
        }
        ByteBuffer in = ByteBuffer.allocate(2048);
        ByteBuffer out = ByteBuffer.allocate(2048);
        PacketBuffer packet = new PacketBuffer(2048);
        byte[] raw = new byte[12 + PAYLOAD];
        long nextTick = System.nanoTime();
        int slice = 0;
        int count = 0;
        while (running.get()) {
            long now = System.nanoTime();
            if (now >= nextTick && sending.get()) {
                for (int i = slice; i < phones.size(); i += SLICES) {
                    Phone p = phones.get(i);
                    ByteBuffer.wrap(raw).put((byte) 0x80).put((byte) 0).putShort((short) p.seq)
                            .putInt(p.seq * 160).putInt(p.ssrc).putLong(System.nanoTime());
                    p.seq++;
                    packet.set(raw, 0, raw.length);
                    if (p.srtp != null && !p.srtp.protectRtp(packet)) {
                        continue;
                    }
                    out.clear();
                    out.put(packet.getBuffer(), packet.getOffset(), packet.getLength()).flip();
                    if (p.channel.send(out, p.engine) == 0) {
                        continue; // our own send buffer was full: not offered to the engine
                    }
                    synchronized (p) {
                        p.sent++;
                    }
                }
                slice = (slice + 1) % SLICES;
                nextTick += TICK_NANOS / SLICES;
                if (nextTick < System.nanoTime() - 5 * TICK_NANOS) {
                    nextTick = System.nanoTime(); // overloaded: do not burst to catch up
                }
                continue;
            }
            selector.select(sending.get() ? Math.max(1, (nextTick - now) / 1_000_000) : 10);
            for (SelectionKey key : selector.selectedKeys()) {
                Phone p = (Phone) key.attachment();
                while (true) {
                    in.clear();
                    if (p.channel.receive(in) == null) {
                        break;
                    }
                    in.flip();
                    packet.set(in.array(), 0, in.limit());
                    if (p.srtp != null && p.srtp.unprotectRtp(packet) != SrtpSession.Result.OK) {
                        continue;
                    }
                    long stamp = ByteBuffer.wrap(packet.getBuffer(), packet.getOffset() + 12, 8).getLong();
                    synchronized (p) {
                        p.received++;
                    }
                    if (measuring.get() && count < latencies.length) {
                        latencies[count++] = System.nanoTime() - stamp;
                    }
                }
            }
            selector.selectedKeys().clear();
        }
        latencyCount[slot] = count;
        selector.close();
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
