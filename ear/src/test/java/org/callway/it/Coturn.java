package org.callway.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code turnserver}) as the TURN server a site would run, on 127.0.0.1
 * inside the test's network namespace: UDP only, no TLS, one long-term-credential user
 * (RFC 8489 §9.2), loopback peers allowed (everything here is 127.0.0.1), relay ports on
 * 127.0.0.1, its verbose log under {@code target/}. Fails, never skips, without coturn.
 */
final class Coturn implements AutoCloseable {

    static final String USER = "callway";
    static final String PASSWORD = "relay-secret";
    static final String REALM = "callway.test";

    final InetSocketAddress address;
    final Path log;
    private final Process process;

    private Coturn(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    static Coturn start(Path dir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("turnserver.log");
        Files.deleteIfExists(log);
        Process p = new ProcessBuilder(List.of("turnserver", "-n",
                "--listening-ip=127.0.0.1", "--listening-port=" + port, "--relay-ip=127.0.0.1",
                "--min-port=" + (port + 1), "--max-port=" + (port + 200),
                "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=" + REALM,
                "--no-tls", "--no-dtls", "--no-tcp", "--no-cli", "--allow-loopback-peers",
                "--db=" + dir.resolve("turndb"), "--pidfile=" + dir.resolve("pid"),
                "--log-file=" + log, "--simple-log", "--no-stdout-log", "--verbose"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        Coturn c = new Coturn(p, new InetSocketAddress("127.0.0.1", port), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("turnserver exited " + p.exitValue() + "; see " + dir);
            }
            if (Files.exists(log) && Files.readString(log).contains("Total General servers")) {
                return c;
            }
            Thread.sleep(50);
        }
        c.close();
        throw new IllegalStateException("turnserver did not come up; see " + log);
    }

    String logText() throws IOException {
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
