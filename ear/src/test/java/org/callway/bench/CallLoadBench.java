package org.callway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.callway.it.Api;
import org.callway.it.CallwayServer;
import org.callway.media.api.DropReason;
import org.junit.jupiter.api.Test;

/**
 * Call load (issue #6): sipp calls sipp through Callway, the B2BUA bridging plain RTP/AVP PCMA
 * on both legs. A UDP caller peer and a UDP callee peer are made over the admin API; each sipp
 * registers (digest) from the port it then calls or answers on, because Callway takes a caller
 * only from the flow it registered on ({@code CallService.callerOf}). Two measurements:
 * <ol>
 * <li>setup capacity, after a warm-up at {@code warmup} calls/s: short calls (answer, {@code shorthold} ms of audio, BYE) at each rate of
 *     {@code -Drates=} for {@code stepseconds} s; the highest rate with no failed call, and, past
 *     the first failing rate, a step at the lowest rate again to show whether Callway recovers;</li>
 * <li>concurrency: for each N of {@code -Dconcurrent=}, N calls ramped up at {@code rampcps} and
 *     held {@code holdseconds} s with audio both ways; whether all N are up at once, with every
 *     call's two legs carrying packets in and out, the server's CPU and heap meanwhile.</li>
 * </ol>
 * After all steps nothing may be left: no call in {@code GET /api/calls}, {@code callway_calls_active} 0.
 * Run with {@code mvn -pl ear -am verify -Pbench-calls}; the table goes to {@code target/bench-calls.txt}.
 * A load generator, not a test of speed: it fails only if calls or media legs are left over at the end.
 */
class CallLoadBench {

    private static final String CALLER = "benchcaller";
    private static final String CALLEE = "benchcallee";
    private static final String CALLEE_NUMBER = "1901"; // the seeded dial plan's _1XXX dials it
    private static final int CALLER_PORT = 5080;
    private static final int CALLEE_PORT = 5070;
    /** The port each sipp's rtp_stream sends every call from (-mp; RTCP would be the next). */
    private static final int CALLER_MEDIA = 20000;
    private static final int CALLEE_MEDIA = 40000;
    /** Callway's media port range: 10,000 ports, 2 per plain RTP leg, 2,500 calls. */
    private static final int RTP_START = 30000;
    private static final int RTP_END = 39999;
    private static final long TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU in 1/100 s

    private final Api api = new Api();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dir = Path.of(System.getProperty("callway.work.dir", "target/it"), "bench-calls-sipp");
    private CallwayServer server;

    /** One sipp run's outcome, from its -trace_stat file and what we watched meanwhile. */
    record Step(String phase, String load, long created, long ok, long failed, String failures, double seconds,
            double setupMs, int peakActive, double serverCpu, double sippCpu, String media, String heap) {
    }

    @Test
    void callLoad() throws Exception {
        List<Integer> rates = ints(System.getProperty("rates", "600,800,900,1000,1100"));
        List<Integer> concurrent = ints(System.getProperty("concurrent", "100,300,1000"));
        int holdSeconds = Integer.getInteger("holdseconds", 60);
        int stepSeconds = Integer.getInteger("stepseconds", 10);
        int shortHoldMs = Integer.getInteger("shorthold", 100);
        int rampCps = Integer.getInteger("rampcps", 50);
        int warmup = Integer.getInteger("warmup", 300);
        Files.createDirectories(dir);
        String started = Instant.now().toString();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (CallwayServer s = CallwayServer.fresh("bench-calls")) {
            server = s;
            // Asterisk's rtpstart/rtpend: a port of its own per leg. sipp 3.6's rtp_stream sends
            // every call of one sipp from one port, which only per-leg ports can tell apart.
            server.systemProperty("callway.media.rtpstart", Integer.toString(RTP_START))
                    .systemProperty("callway.media.rtpend", Integer.toString(RTP_END));
            server.start();
            peer(CALLER, "1900");
            peer(CALLEE, CALLEE_NUMBER);
            long heapIdle = server.heapUsedAfterGc();

            if (warmup > 0) {
                // A server runs warm: the JIT compiles the call path at a low rate first; not judged.
                Step step = shortCalls("warm-up", warmup, stepSeconds, shortHoldMs);
                steps.add(step);
                System.out.println(row(step));
                drain(60);
            }
            int best = 0;
            boolean failing = false;
            for (int rate : rates) {
                Step step = shortCalls("setup", rate, stepSeconds, shortHoldMs);
                steps.add(step);
                System.out.println(row(step));
                if (step.failed() > 0 || step.ok() < step.created()) {
                    failing = true;
                    break;
                }
                best = rate;
            }
            if (failing) {
                drain(120);
                Step again = shortCalls("recovery", rates.get(0), stepSeconds, shortHoldMs);
                steps.add(again);
                System.out.println(row(again));
                notes.add("after the first failing rate, " + rates.get(0) + " calls/s again: "
                        + (again.failed() == 0 ? "recovered, no failed call" : again.failed() + " failed"));
            }
            notes.add("highest setup rate with 0 failed calls: " + (best == 0 ? "none of " + rates : best + " calls/s")
                    + " (" + shortHoldMs + " ms of audio per call, " + stepSeconds + " s per rate)");
            drain(120);

            for (int n : concurrent) {
                Step step = heldCalls(n, rampCps, holdSeconds, heapIdle);
                steps.add(step);
                System.out.println(row(step));
                drain(120);
            }

            int left = drain(120);
            String calls = api.get("/api/calls", Api.ADMIN).body().trim();
            if (!calls.equals("[]")) {
                Files.writeString(dir.resolve("calls-left.json"), calls); // to see which calls stayed
            }
            long legs = (long) metric("callway_media_legs", "");
            long dialogs = (long) metric("callway_sip_dialogs", "");
            long heapAfter = server.heapUsedAfterGc();
            long errors = serverLogErrors();
            notes.add(String.format("after the run: callway_calls_active %d, callway_media_legs %d, callway_sip_dialogs %d,"
                    + " GET /api/calls %s, heap %.1f MB (idle before: %.1f MB), %d ERROR lines in server.log", left, legs, dialogs,
                    calls.equals("[]") ? "[]" : "not empty (" + calls.length() + " chars)", heapAfter / 1e6,
                    heapIdle / 1e6, errors));
            StringBuilder drops = new StringBuilder();
            for (DropReason r : DropReason.values()) {
                String reason = r.name().toLowerCase(java.util.Locale.ROOT);
                double d = metric("callway_media_drops_total", "reason=\"" + reason + "\"");
                if (d > 0) {
                    drops.append(' ').append(reason).append(' ').append((long) d);
                }
            }
            notes.add(String.format("media of all closed legs: %d packets in, %d out; dropped:%s",
                    (long) metric("callway_media_packets_total", "direction=\"in\""),
                    (long) metric("callway_media_packets_total", "direction=\"out\""),
                    drops.isEmpty() ? " none" : drops));
            report(started, loadBefore, rates, concurrent, holdSeconds, stepSeconds, shortHoldMs, rampCps, warmup, steps,
                    notes);
            assertEquals(0, left, "every call ended");
            assertEquals("[]", calls, "no call left in the API");
            assertEquals(0, legs, "no media leg left in the engine");
            assertEquals(0, dialogs, "no SIP dialog left");
        }
    }

    // ---- the two kinds of step ----

    /** {@code rate} calls/s for {@code seconds} s, each answered, {@code holdMs} of audio, BYE. */
    private Step shortCalls(String phase, int rate, int seconds, int holdMs) throws Exception {
        int total = rate * seconds;
        Process callee = startCallee();
        try {
            Run caller = startCaller(phase + "-" + rate, holdMs, total, List.of("-r", Integer.toString(rate), "-rp", "1000"),
                    seconds + holdMs / 1000 + 120);
            Watch watch = watch(caller, callee, -1, 0, null);
            CsvStats stats = caller.stats();
            return new Step(phase, rate + " calls/s × " + seconds + " s", stats.created, stats.ok, stats.failed,
                    stats.failures, watch.seconds, stats.setupMs, watch.peak, watch.serverCpu, watch.sippCpu,
                    "", "");
        } finally {
            stop(callee);
        }
    }

    /** {@code n} calls ramped up at {@code rampCps}, each held {@code holdSeconds} s with audio both ways. */
    private Step heldCalls(int n, int rampCps, int holdSeconds, long heapIdle) throws Exception {
        Process callee = startCallee();
        try {
            Run caller = startCaller("held-" + n, holdSeconds * 1000, n,
                    List.of("-r", Integer.toString(rampCps), "-rp", "1000", "-l", Integer.toString(n)),
                    n / Math.max(1, rampCps) + holdSeconds + 120);
            String[] held = new String[2];
            Watch watch = watch(caller, callee, n, Math.min(10, holdSeconds / 3), () -> {
                // All n calls are up: how many carry audio both ways, then the heap they take.
                held[0] = media(n) + ", " + (long) metric("callway_media_legs", "") + " legs";
                long heap = server.heapUsedAfterGc();
                held[1] = String.format("%.1f MB, %.1f KB/call", heap / 1e6, (heap - heapIdle) / 1024.0 / n);
            });
            CsvStats stats = caller.stats();
            return new Step("held", n + " calls, " + holdSeconds + " s, ramp " + rampCps + "/s", stats.created,
                    stats.ok, stats.failed, stats.failures, watch.seconds, stats.setupMs, watch.peak,
                    watch.atPeakCpu >= 0 ? watch.atPeakCpu : watch.serverCpu, watch.sippCpu,
                    held[0] == null ? "never all up" : held[0], held[1] == null ? "" : held[1]);
        } finally {
            stop(callee);
        }
    }

    /** Per call of {@code GET /api/calls}: both legs received and sent packets (audio relayed both ways). */
    private String media(int n) throws Exception {
        List<JsonObject> calls = Api.array(api.get("/api/calls", Api.ADMIN)).getValuesAs(JsonObject.class);
        int bothWays = 0;
        long dropped = 0;
        for (JsonObject c : calls) {
            JsonObject a = c.getJsonObject("callerLeg");
            JsonObject b = c.getJsonObject("calleeLeg");
            if (flows(a) && flows(b)) {
                bothWays++;
            }
            dropped += a.getJsonNumber("dropped") == null ? 0 : a.getJsonNumber("dropped").longValue();
            dropped += b.getJsonNumber("dropped") == null ? 0 : b.getJsonNumber("dropped").longValue();
        }
        return bothWays + "/" + n + " calls with audio both ways, " + dropped + " packets dropped";
    }

    private static boolean flows(JsonObject leg) {
        return leg.containsKey("packetsIn") && leg.getJsonNumber("packetsIn").longValue() > 0
                && leg.getJsonNumber("packetsOut").longValue() > 0;
    }

    // ---- watching a run: CPU from /proc, active calls from the metrics ----

    private record Watch(double seconds, int peak, double serverCpu, double sippCpu, double atPeakCpu) {
    }

    private interface AtPeak {
        void run() throws Exception;
    }

    /**
     * Polls until the caller's sipp exits: the peak of {@code callway_calls_active}, the server's
     * and both sipps' CPU (% of one core over the run). When {@code target} calls are active the
     * first time, the server's CPU over the next {@code peakSeconds} (10 s; a third of a shorter hold,
     * so the calls are still up), then {@code atPeak}.
     */
    private Watch watch(Run caller, Process callee, int target, int peakSeconds, AtPeak atPeak) throws Exception {
        long pid = server.pid();
        long start = System.nanoTime();
        double server0 = cpu(pid);
        double sipp0 = cpu(caller.process.pid()) + cpu(callee.pid());
        double sippLast = sipp0;
        int peak = 0;
        double atPeakCpu = -1;
        while (caller.process.isAlive()) {
            int active = activeCalls();
            peak = Math.max(peak, active);
            sippLast = Math.max(sippLast, cpu(caller.process.pid()) + cpu(callee.pid()));
            if (target > 0 && atPeakCpu < 0 && active >= target) {
                double c0 = cpu(pid);
                long t0 = System.nanoTime();
                Thread.sleep(peakSeconds * 1000L); // within the hold: the calls must still be up after it
                atPeakCpu = 100 * (cpu(pid) - c0) / ((System.nanoTime() - t0) / 1e9);
                peak = Math.max(peak, activeCalls());
                atPeak.run();
            }
            // Every 5 s: a scrape renders all of WildFly's metrics, about 0.1 s of the server's CPU.
            caller.process.waitFor(5, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Watch(seconds, peak, 100 * (cpu(pid) - server0) / seconds, 100 * (sippLast - sipp0) / seconds,
                atPeakCpu);
    }

    /** User + system CPU seconds of a process so far (fields 14 and 15 of /proc/<pid>/stat); 0 once gone. */
    private static double cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private int activeCalls() throws IOException, InterruptedException {
        return (int) metric("callway_calls_active", "");
    }

    /** The sum of a Prometheus series from the management interface whose labels contain {@code label}; -1 if absent. */
    private double metric(String name, String label) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9990/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = -1;
        for (String line : r.body().split("\n")) {
            if ((line.startsWith(name + " ") || line.startsWith(name + "{")) && line.contains(label)) {
                sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Waits until no call is active (at most {@code seconds}); returns what is left. */
    private int drain(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int active = activeCalls();
        while (active != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            active = activeCalls();
        }
        return active;
    }

    private long serverLogErrors() throws IOException {
        Path log = server.baseDir().resolve("log/server.log");
        if (!Files.exists(log)) {
            return -1;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" ERROR ")).count();
        }
    }

    // ---- sipp ----

    /** A running sipp and the statistics file it writes every second and on exit. */
    private record Run(Process process, Path statsFile) {
        CsvStats stats() throws IOException {
            return CsvStats.read(statsFile);
        }
    }

    /** The last row of a sipp -trace_stat file, by column name. */
    private record CsvStats(long created, long ok, long failed, String failures, double setupMs) {
        static CsvStats read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return new CsvStats(0, 0, 0, "no statistics from sipp", 0);
            }
            List<String> lines = Files.readAllLines(file);
            String[] names = lines.get(0).split(";");
            String[] last = lines.get(lines.size() - 1).split(";");
            Map<String, String> v = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(names.length, last.length); i++) {
                v.put(names[i], last[i]);
            }
            StringBuilder failures = new StringBuilder();
            v.forEach((k, value) -> {
                if (k.startsWith("Failed") && k.endsWith("(C)") && !k.equals("FailedCall(C)") && !value.equals("0")) {
                    failures.append(failures.isEmpty() ? "" : ", ").append(k, 6, k.length() - 3).append(' ').append(value);
                }
            });
            return new CsvStats(num(v.get("TotalCallCreated")), num(v.get("SuccessfulCall(C)")),
                    num(v.get("FailedCall(C)")), failures.toString(), millis(v.get("ResponseTime1(C)")));
        }

        private static long num(String s) {
            return s == null ? 0 : Long.parseLong(s.trim());
        }

        /** sipp's HH:MM:SS:micro. */
        private static double millis(String s) {
            if (s == null || s.isBlank()) {
                return 0;
            }
            String[] p = s.trim().split(":");
            return (Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2])) * 1000
                    + Long.parseLong(p[3]) / 1000.0;
        }
    }

    /** Registers the callee from its port, then answers there until stopped. */
    private Process startCallee() throws Exception {
        register(CALLEE, CALLEE_PORT);
        String scenario = scenario("bench-uas.xml", Map.of("AUDIO", audio()));
        return sipp(scenario, CALLEE_PORT, List.of("-mp", Integer.toString(CALLEE_MEDIA)), dir.resolve("callee.out"))
                .start();
    }

    /** Registers the caller from its port, then calls the callee {@code total} times from there. */
    private Run startCaller(String name, int holdMs, int total, List<String> rate, int timeoutSeconds) throws Exception {
        register(CALLER, CALLER_PORT);
        String scenario = scenario("bench-uac.xml", Map.of("HOLD_MS", Integer.toString(holdMs), "AUDIO", audio()));
        Path stats = dir.resolve(name + ".csv");
        Files.deleteIfExists(stats);
        List<String> args = new ArrayList<>(List.of("-mp", Integer.toString(CALLER_MEDIA), "-s", CALLER,
                "-key", "target", CALLEE_NUMBER, "-m", Integer.toString(total),
                "-recv_timeout", "10000", // no answer in 10 s: a failed call, not a stuck one
                "-timeout", timeoutSeconds + "s", "-trace_stat", "-stf", stats.toString(), "-fd", "1",
                "-trace_err", "-error_file", dir.resolve(name + ".errors").toString()));
        args.addAll(rate);
        return new Run(sipp(scenario, CALLER_PORT, args, dir.resolve(name + ".out")).start(), stats);
    }

    private void register(String peer, int port) throws Exception {
        Process p = sipp(scenario("register.xml", Map.of()), port,
                List.of("-m", "1", "-s", peer, "-au", peer, "-ap", peer + "-secret", "-timeout", "30s"),
                dir.resolve("register-" + peer + ".out")).start();
        if (!p.waitFor(40, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(peer + " did not register");
        }
    }

    private ProcessBuilder sipp(String scenario, int port, List<String> args, Path out) {
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenario, "-t", "u1", "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-nostdin"));
        command.addAll(args);
        command.add("127.0.0.1:5060");
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    }

    /**
     * One second of a 400 Hz tone in raw A-law (G.711, 8 kHz) for sipp's rtp_stream, which
     * sends it in 160-byte packets every 20 ms, looped.
     */
    private String audio() throws IOException {
        Path raw = dir.resolve("tone-400hz.alaw");
        if (!Files.exists(raw)) {
            byte[] bytes = new byte[8000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alaw((short) (8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
            }
            Files.write(raw, bytes);
        }
        return raw.toString();
    }

    /** ITU-T G.711 A-law of a 16-bit sample: 13-bit magnitude, segment, 4 mantissa bits, even bits inverted. */
    static byte alaw(short pcm) {
        int value = pcm >> 3;
        int mask = 0xd5;
        if (value < 0) {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = 0;
        while (segment < 8 && value > (0x1f << segment)) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7f ^ mask);
        }
        int a = segment << 4 | (segment < 2 ? value >> 1 : value >> segment) & 0x0f;
        return (byte) (a ^ mask);
    }

    /** A scenario from src/test/resources/sipp with its @@KEY@@ placeholders filled, as a file. */
    private String scenario(String name, Map<String, String> fill) throws IOException, URISyntaxException {
        String text = Files.readString(Path.of(getClass().getResource("/sipp/" + name).toURI()));
        for (Map.Entry<String, String> e : fill.entrySet()) {
            text = text.replace("@@" + e.getKey() + "@@", e.getValue());
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void peer(String name, String number) throws Exception {
        HttpResponse<String> r = api.post("/api/peers", "{\"name\":\"" + name + "\",\"number\":\"" + number
                + "\",\"secret\":\"" + name + "-secret\",\"transports\":[\"udp\"],\"avpf\":false,\"encryption\":false,"
                + "\"codecs\":[\"alaw\",\"ulaw\"]}", Api.ADMIN);
        assertEquals(201, r.statusCode(), r.body());
    }

    // ---- the report ----

    private static final String HEADER = String.format("%-8s | %-30s | %7s | %7s | %6s | %-24s | %6s | %8s | %6s | %7s | %6s | %s",
            "phase", "load", "calls", "ok", "failed", "failures", "time s", "setup ms", "peak", "srv CPU", "sipp %",
            "media / heap");

    private static String row(Step s) {
        return String.format("%-8s | %-30s | %7d | %7d | %6d | %-24s | %6.1f | %8.1f | %6d | %6.0f%% | %5.0f%% | %s",
                s.phase(), s.load(), s.created(), s.ok(), s.failed(), s.failures().isEmpty() ? "-" : s.failures(),
                s.seconds(), s.setupMs(), s.peakActive(), s.serverCpu(), s.sippCpu(),
                (s.media() + (s.heap().isEmpty() ? "" : "; heap " + s.heap())).trim());
    }

    private void report(String started, String loadBefore, List<Integer> rates, List<Integer> concurrent, int hold,
            int stepSeconds, int shortHoldMs, int rampCps, int warmup, List<Step> steps, List<String> notes)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Call load (CallLoadBench), started ").append(started).append('\n');
        out.append(String.format("parameters: -Dwarmup=%d -Drates=%s -Dstepseconds=%d -Dshorthold=%d -Dconcurrent=%s"
                + " -Dholdseconds=%d -Drampcps=%d%n", warmup, join(rates), stepSeconds, shortHoldMs, join(concurrent),
                hold, rampCps));
        out.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; load average before ")
                .append(loadBefore).append(", after ").append(Files.readString(Path.of("/proc/loadavg")).trim())
                .append('\n');
        out.append("srv CPU and sipp %: % of one core (server: over the run, or for held calls over 10 s with all up;"
                + " sipp: caller + callee)\n\n");
        out.append(HEADER).append('\n');
        steps.forEach(s -> out.append(row(s)).append('\n'));
        out.append('\n');
        notes.forEach(n -> out.append(n).append('\n'));
        System.out.println(out);
        Path file = dir.getParent().getParent().resolve("bench-calls.txt");
        Files.writeString(file, out.toString());
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }
}
