package org.callway.it;

/** JsSIP as a web page uses it, in the test's Chromium. */
final class JsSip {

    private JsSip() {
    }

    /**
     * Opens page {@code page}, loads the JsSIP bundle Callway serves, registers {@code user} with
     * {@code password} over {@code url}, and returns what JsSIP reported: {@code registered 200},
     * {@code failed <status> <reason>} or {@code timeout}.
     */
    static String register(Chromium chromium, String page, String url, String user, String password)
            throws Exception {
        chromium.open(page, CallwayServer.HTTP + "/");
        chromium.script(page, "/js/jssip.min.js");
        return chromium.eval(page, """
                new Promise(resolve => {
                  const socket = new JsSIP.WebSocketInterface(%s);
                  const ua = new JsSIP.UA({ sockets: [socket], uri: %s, password: %s,
                                            register_expires: 600, connection_recovery_min_interval: 60,
                                            connection_recovery_max_interval: 60 });
                  window.ua = ua;
                  ua.on('registered', e => resolve('registered ' + e.response.status_code));
                  ua.on('registrationFailed', e => resolve('failed ' + (e.response
                      ? e.response.status_code + ' ' + e.response.reason_phrase : e.cause)));
                  setTimeout(() => resolve('timeout'), %d);
                  ua.start();
                })""".formatted(js(url), js("sip:" + user + "@localhost"), js(password),
                Chromium.PAGE_TIMEOUT.toMillis())).toString().replace("\"", "");
    }

    /** A JavaScript string literal (JSON's quoting is valid JavaScript), so passwords may hold ' or ;. */
    private static String js(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }
}
