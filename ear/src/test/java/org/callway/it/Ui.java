package org.callway.it;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A page as its user sees it: text in elements, fields to fill, buttons to click, screenshots. */
final class Ui {

    static final Path SCREENSHOTS = Path.of(System.getProperty("callway.work.dir", "target/it"), "screenshots");

    private final Chromium chromium;
    private final String page;

    Ui(Chromium chromium, String page) {
        this.chromium = chromium;
        this.page = page;
    }

    /** A JavaScript string literal. */
    static String js(String text) {
        return Json.createValue(text).toString();
    }

    String eval(String expression) throws IOException {
        var value = chromium.eval(page, expression);
        return value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL ? null
                : value.getValueType() == jakarta.json.JsonValue.ValueType.STRING
                        ? ((jakarta.json.JsonString) value).getString() : value.toString();
    }

    /** The visible text of the element {@code selector} matches, or null when there is none. */
    String text(String selector) throws IOException {
        return eval("(e => e ? e.textContent.trim() : null)(document.querySelector(" + js(selector) + "))");
    }

    /**
     * Waits until the text of {@code selector} starts with {@code expected} (or the page timeout
     * passes) and returns the text it has then, for the test to assert on.
     */
    String waitForText(String selector, String expected) throws IOException {
        return eval("""
                new Promise(resolve => {
                  const end = Date.now() + %d;
                  (function poll() {
                    const e = document.querySelector(%s);
                    const t = e ? e.textContent.trim() : null;
                    if ((t !== null && t.startsWith(%s)) || Date.now() > end) resolve(t); else setTimeout(poll, 100);
                  })();
                })""".formatted(Chromium.PAGE_TIMEOUT.toMillis(), js(selector), js(expected)));
    }

    /** Waits until the JavaScript condition holds (or the page timeout passes); returns whether it held. */
    boolean waitUntil(String condition) throws IOException {
        return Boolean.parseBoolean(eval("""
                new Promise(resolve => {
                  const end = Date.now() + %d;
                  (function poll() {
                    const ok = !!(%s);
                    if (ok || Date.now() > end) resolve(ok); else setTimeout(poll, 100);
                  })();
                })""".formatted(Chromium.PAGE_TIMEOUT.toMillis(), condition)));
    }

    /** Waits until no element matches {@code selector}; true if it went away in time. */
    boolean waitForGone(String selector) throws IOException {
        return Boolean.parseBoolean(eval("""
                new Promise(resolve => {
                  const end = Date.now() + %d;
                  (function poll() {
                    const gone = !document.querySelector(%s);
                    if (gone || Date.now() > end) resolve(gone); else setTimeout(poll, 100);
                  })();
                })""".formatted(Chromium.PAGE_TIMEOUT.toMillis(), js(selector))));
    }

    void fill(String selector, String value) throws IOException {
        eval("(e => { e.value = " + js(value) + "; e.dispatchEvent(new Event('input', {bubbles: true})); })"
                + "(document.querySelector(" + js(selector) + "))");
    }

    void click(String selector) throws IOException {
        eval("document.querySelector(" + js(selector) + ").click()");
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium.screenshot(page, SCREENSHOTS.resolve(name + ".png").toAbsolutePath());
    }
}
