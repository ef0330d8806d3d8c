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
    private CallwayServer server;
    private Chromium chromium;

    ServerAndBrowser(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = CallwayServer.fresh(name).start();
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

    /** {@link JsSip#register} in this class's browser. */
    String register(String page, String url, String user, String password) throws Exception {
        return JsSip.register(chromium, page, url, user, password);
    }
}
