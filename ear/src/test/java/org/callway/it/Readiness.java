package org.callway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waiting for a server the tests started: the way a user knows it is up is that it answers. */
final class Readiness {

    private Readiness() {
    }

    /**
     * Polls {@code url} until it answers 200; false after {@code timeout}. Fails at once, naming
     * {@code log}, if {@code process} exits meanwhile.
     */
    static boolean answers(Process process, URI url, Duration timeout, Path log)
            throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.info().command().orElse("server") + " exited with "
                        + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }
}
