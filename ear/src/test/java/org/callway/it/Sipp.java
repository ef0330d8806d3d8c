package org.callway.it;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        Process sipp = start(scenario, Map.of(), transport, localPort, extra);
        if (!sipp.waitFor(60, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
            throw new IllegalStateException("sipp did not finish " + scenario);
        }
        return sipp.exitValue();
    }

    /**
     * Starts sipp on {@code scenario} (with {@code @@KEY@@} placeholders replaced) and returns the
     * running process: for a phone that answers while the test drives the caller.
     */
    static Process start(String scenario, Map<String, String> fill, String transport, int localPort, String... extra)
            throws IOException, URISyntaxException {
        Path dir = Path.of(System.getProperty("callway.work.dir", "target/it"), "sipp");
        Files.createDirectories(dir);
        String text = Files.readString(Path.of(Sipp.class.getResource("/sipp/" + scenario).toURI()));
        for (Map.Entry<String, String> e : fill.entrySet()) {
            text = text.replace("@@" + e.getKey() + "@@", e.getValue());
        }
        String name = scenario.replace(".xml", "") + "-" + localPort;
        Path file = dir.resolve(name + ".xml");
        Files.writeString(file, text);
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-m", "1", "-t", transport,
                "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-nostdin", "-timeout", "40s",
                "-trace_err", "-error_file", dir.resolve(name + ".errors").toString()));
        command.addAll(List.of(extra));
        command.add("127.0.0.1:5060");
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
    }

    /** Waits for a started sipp and returns its verdict (0: the scenario ran as written). */
    static int await(Process sipp) throws InterruptedException {
        if (!sipp.waitFor(60, TimeUnit.SECONDS)) {
            sipp.destroyForcibly();
            throw new IllegalStateException("sipp did not finish");
        }
        return sipp.exitValue();
    }

    /** Registers {@code user} with {@code password} using {@code scenario}. */
    static int register(String scenario, String transport, int localPort, String user, String password)
            throws IOException, InterruptedException, URISyntaxException {
        return run(scenario, transport, localPort, "-s", user, "-au", user, "-ap", password);
    }
}
