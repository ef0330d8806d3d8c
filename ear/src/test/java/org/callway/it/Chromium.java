package org.callway.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by playwright-core (ear/src/test/js/driver.mjs), one
 * process per test class. Tests run JavaScript in named pages and assert on what the
 * page reports, as a user looking at the browser would.
 */
public final class Chromium implements AutoCloseable {

    private final Process node;
    private final PrintWriter in;
    private final BufferedReader out;
    private int nextId = 1;
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private Chromium(Process node) throws IOException {
        this.node = node;
        this.in = new PrintWriter(node.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        if (ready == null || !ready.contains("ready")) {
            throw new IllegalStateException("Chromium driver did not start: " + ready);
        }
        Thread reader = new Thread(this::readAnswers, "chromium-driver-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static Chromium launch(String name) throws IOException {
        Path js = Path.of(System.getProperty("callway.browser.driver", "src/test/js/driver.mjs"));
        Path log = Path.of(System.getProperty("callway.work.dir", "target/it"), name + "-chromium.log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder("node", js.toAbsolutePath().toString())
                .redirectError(log.toFile())
                .start();
        return new Chromium(process);
    }

    /** Opens a page named {@code page} at {@code url}. */
    public void open(String page, String url) throws IOException {
        call(Json.createObjectBuilder().add("op", "open").add("page", page).add("url", url));
    }

    /** Loads a script into the page, as a {@code <script src>} would. */
    public void script(String page, String url) throws IOException {
        call(Json.createObjectBuilder().add("op", "script").add("page", page).add("url", url));
    }

    /** Evaluates a JavaScript expression in the page; a promise is awaited. */
    public JsonValue eval(String page, String js) throws IOException {
        return call(Json.createObjectBuilder().add("op", "eval").add("page", page).add("js", js));
    }

    /** Credentials the browser answers HTTP Basic challenges with, as a user would type them into its prompt. */
    public void credentials(String username, String password) throws IOException {
        call(Json.createObjectBuilder().add("op", "credentials").add("username", username).add("password", password));
    }

    public void screenshot(String page, Path png) throws IOException {
        call(Json.createObjectBuilder().add("op", "screenshot").add("page", page).add("path", png.toString()));
    }

    public void close(String page) throws IOException {
        call(Json.createObjectBuilder().add("op", "close").add("page", page));
    }

    /**
     * Sends one command and waits for its answer. Commands may overlap (alice's call waits for
     * bob's answer in another page), so answers are matched to callers by id.
     */
    private JsonValue call(JsonObjectBuilder command) throws IOException {
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        synchronized (this) {
            int id = nextId++;
            pending.put(id, answer);
            in.println(command.add("id", id).build().toString());
        }
        JsonObject a;
        try {
            a = answer.get(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the browser", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no answer from the browser", e);
        }
        if (!a.getBoolean("ok")) {
            throw new IOException("in the browser: " + a.getString("error"));
        }
        return a.get("value");
    }

    /** Reads the driver's answers and hands each to the command that waits for it. */
    private void readAnswers() {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                try (var reader = Json.createReader(new StringReader(line))) {
                    JsonObject answer = reader.readObject();
                    CompletableFuture<JsonObject> waiting = pending.remove(answer.getInt("id"));
                    if (waiting != null) {
                        waiting.complete(answer);
                    }
                }
            }
        } catch (IOException e) {
            // the driver went away; fail whoever waits
        }
        IOException gone = new IOException("Chromium driver exited");
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    @Override
    public void close() throws InterruptedException {
        in.println("{\"op\":\"quit\"}");
        if (!node.waitFor(15, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
    }

    /** How long page-side waits may take before a test gives up. */
    public static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);
}
