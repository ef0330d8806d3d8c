package org.callway.media.ra;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real TURN server for tests: Debian's coturn ({@code turnserver}) on 127.0.0.1 with
 * one long-term-credential user (RFC 8489 §9.2), no TLS, relaying to loopback peers, its
 * log under {@code target/}. Fails (does not skip) when coturn is not installed.
 */
public final class Coturn implements AutoCloseable {

    public static final String USER = "callway";
    public static final String PASSWORD = "relay-secret";
    public static final String REALM = "callway.test";

    private final Process process;
    public final InetSocketAddress address;
    public final Path log;

    private Coturn(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** On a free port, its files under {@code target/coturn-<port>}. */
    public static Coturn start(String... extraOptions) throws IOException, InterruptedException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = probe.getLocalPort();
        }
        return start(Path.of("target", "coturn-" + port), port, extraOptions);
    }

    /** On {@code port}, its files (configuration-free: all on the command line) under {@code dir}. */
    public static Coturn start(Path dir, int port, String... extraOptions) throws IOException, InterruptedException {
        dir = Files.createDirectories(dir).toAbsolutePath();
        Path log = dir.resolve("turnserver.log");
        Files.deleteIfExists(log);
        List<String> command = new java.util.ArrayList<>(List.of("turnserver", "-n",
                "--listening-ip=127.0.0.1", "--listening-port=" + port, "--relay-ip=127.0.0.1",
                "--min-port=" + (port < 60000 ? port + 1 : 50000), "--max-port=" + (port < 60000 ? port + 200 : 50200),
                "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=" + REALM,
                "--no-tls", "--no-dtls", "--no-tcp", "--no-cli", "--allow-loopback-peers",
                "--db=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("pid"),
                "--log-file=" + log, "--simple-log", "--no-stdout-log", "--verbose"));
        command.addAll(List.of(extraOptions));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        Coturn c = new Coturn(p, new InetSocketAddress("127.0.0.1", port), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("turnserver exited " + p.exitValue() + ": " + Files.readString(dir.resolve("stdout")));
            }
            if (Files.exists(log) && Files.readString(log).contains("Total General servers")) {
                return c;
            }
            Thread.sleep(50);
        }
        c.close();
        throw new IllegalStateException("turnserver did not come up; see " + log);
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
