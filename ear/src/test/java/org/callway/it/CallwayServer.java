package org.callway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.wildfly.core.launcher.Launcher;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

/**
 * The real thing a user runs: the provisioned WildFly with the Callway EAR in its
 * deployments, started in its own process from a fresh copy of the base directory the
 * build assembled, stopped the way an operator stops it (SIGTERM, graceful).
 */
public final class CallwayServer implements AutoCloseable {

    public static final String HTTP = "http://localhost:8088";
    public static final String WS = "ws://localhost:8088";
    public static final String WSS = "wss://localhost:8089";

    private final Path baseDir;
    private final java.util.List<String> systemProperties = new java.util.ArrayList<>();
    private Process process;

    private CallwayServer(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** A server on a fresh copy of the assembled base directory (empty database). */
    public static CallwayServer fresh(String name) throws IOException {
        Path template = Path.of(required("callway.base.dir"));
        Path dir = Path.of(required("callway.work.dir"), name);
        deleteTree(dir);
        copyTree(template, dir);
        return new CallwayServer(dir);
    }

    /**
     * A {@code -Dname=value} for the server JVM, as an operator would pass one: it feeds the
     * configuration's expressions (e.g. {@code callway.media.turnaddr}). Before {@link #start}.
     */
    public CallwayServer systemProperty(String name, String value) {
        systemProperties.add("-D" + name + "=" + value);
        return this;
    }

    public CallwayServer start() throws IOException, InterruptedException {
        launch();
        awaitReady(Duration.ofSeconds(120), baseDir.resolve("console.log"));
        return this;
    }

    /** Starts the server process without waiting for Callway: for tests of a server that must not get ready. */
    public CallwayServer launch() throws IOException {
        StandaloneCommandBuilder command = StandaloneCommandBuilder.of(Path.of(required("callway.server.dir")))
                .setBaseDirectory(baseDir)
                .addJavaOptions("-Xms256m", "-Xmx768m")
                .addJavaOptions(systemProperties);
        Path log = baseDir.resolve("console.log");
        process = Launcher.of(command).setRedirectErrorStream(true).redirectOutput(log).launch();
        return this;
    }

    /** Graceful stop, as Ctrl-C or a service manager would do it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    public Path baseDir() {
        return baseDir;
    }

    /**
     * The server JVM's used heap right after a full collection, from {@code jcmd}: what the live
     * objects take, for the benchmarks' per-client figures.
     */
    public long heapUsedAfterGc() throws IOException, InterruptedException {
        long pid = pid();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").start().waitFor(60, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        info.waitFor(60, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no heap figure from jcmd: " + out);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The server JVM's process id (standalone.sh starts it as a child), for jcmd and /proc. */
    public long pid() {
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    /** The server's own keystore, where Elytron keeps the certificate it generated. */
    public Path keystore() {
        return baseDir.resolve("configuration/application.keystore");
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        if (!Readiness.answers(process, URI.create(HTTP + "/api/health"), timeout, log)) {
            stop();
            throw new IllegalStateException("Callway not ready within " + timeout + "; see " + log);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
