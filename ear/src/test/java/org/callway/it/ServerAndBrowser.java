package org.callway.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh Callway server and a Chromium for one test class, started before its first test and
 * stopped after its last: {@code @RegisterExtension static final ServerAndBrowser callway = ...}.
 */
final class ServerAndBrowser implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final java.util.Map<String, String> systemProperties;
    private CallwayServer server;
    private Chromium chromium;

    ServerAndBrowser(String name) {
        this(name, java.util.Map.of());
    }

    /** With {@code -Dname=value} options for the server, e.g. the resource adapter's settings. */
    ServerAndBrowser(String name, java.util.Map<String, String> systemProperties) {
        this.name = name;
        this.systemProperties = systemProperties;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        CallwayServer fresh = CallwayServer.fresh(name);
        systemProperties.forEach(fresh::systemProperty);
        server = fresh.start();
        chromium = Chromium.launch(name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Chromium chromium() {
        return chromium;
    }

    /**
     * Opens a page for {@code user} with the test phone (web/src/main/webapp/js/test-phone.js)
     * and registers it over {@code url}; fails the test unless JsSIP reports it registered.
     */
    void phone(String page, String url, String user, String password) throws Exception {
        chromium.open(page, CallwayServer.HTTP + "/");
        chromium.script(page, "/js/jssip.min.js");
        chromium.script(page, "/js/test-phone.js");
        String result = js(page, "testPhone.register('%s', '%s', '%s')".formatted(url, user, password));
        if (!result.equals("registered")) {
            throw new AssertionError(user + " did not register: " + result);
        }
    }

    /** Evaluates {@code expression} in {@code page}; a string result without its JSON quotes. */
    String js(String page, String expression) throws Exception {
        return chromium.eval(page, expression).toString().replace("\"", "");
    }

    /** {@link JsSip#register} in this class's browser. */
    String register(String page, String url, String user, String password) throws Exception {
        return JsSip.register(chromium, page, url, user, password);
    }
}
