package org.callway.it;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's sipp, the SIP phone of the tests: one scenario from src/test/resources/sipp per run. */
final class Sipp {

    private Sipp() {
    }

    /**
     * Runs {@code scenario} once against Callway's SIP port and returns sipp's exit code: 0 when
     * every message arrived as the scenario expects (sipp's own verdict).
     *
     * @param transport sipp's {@code -t}: {@code u1} (UDP) or {@code t1} (TCP)
     */
    static int run(String scenario, String transport, int localPort, String... extra)
            throws IOException, InterruptedException, URISyntaxException {
        Path file = Path.of(Sipp.class.getResource("/sipp/" + scenario).toURI());
        Path dir = Path.of(System.getProperty("callway.work.dir", "target/it"), "sipp");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-m", "1", "-t", transport,
                "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-nostdin", "-timeout", "20s",
                "-trace_err", "-error_file", dir.resolve(scenario + "-" + localPort + ".errors").toString()));
        command.addAll(List.of(extra));
        command.add("127.0.0.1:5060");
        Process sipp = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(scenario + "-" + localPort + ".out").toFile())
                .start();
        if (!sipp.waitFor(30, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
            throw new IllegalStateException("sipp did not finish " + scenario);
        }
        return sipp.exitValue();
    }

    /** Registers {@code user} with {@code password} using {@code scenario}. */
    static int register(String scenario, String transport, int localPort, String user, String password)
            throws IOException, InterruptedException, URISyntaxException {
        return run(scenario, transport, localPort, "-s", user, "-au", user, "-ap", password);
    }
}
