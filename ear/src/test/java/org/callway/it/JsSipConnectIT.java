package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unpatched JsSIP 3.13 (the WAR's bundle) in headless Chromium opens its SIP WebSocket to /ws. */
class JsSipConnectIT {

    private static CallwayServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("jssip-connect").start();
        chromium = Chromium.launch("jssip-connect");
        chromium.open("alice", CallwayServer.HTTP + "/");
        chromium.script("alice", "/js/jssip.min.js");
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        server.close();
    }

    /** Resolves to the JsSIP socket's fate: 'connected' or why not. */
    private static String connect(String url) throws Exception {
        return chromium.eval("alice", """
                new Promise(resolve => {
                  const socket = new JsSIP.WebSocketInterface('%s');
                  const ua = new JsSIP.UA({ sockets: [socket], uri: 'sip:alice@callway', register: false,
                                            connection_recovery_min_interval: 60 });
                  ua.on('connected', () => { resolve('connected via ' + socket.via_transport); ua.stop(); });
                  ua.on('disconnected', e => { resolve('disconnected: ' + (e.code || e.reason || 'error')); ua.stop(); });
                  setTimeout(() => resolve('timeout'), %d);
                  ua.start();
                })""".formatted(url, Chromium.PAGE_TIMEOUT.toMillis())).toString().replace("\"", "");
    }

    @Test
    void jssipConnectsOverWs() throws Exception {
        assertEquals("connected via WS", connect(CallwayServer.WS + "/ws"));
    }

    @Test
    void jssipConnectsOverWss() throws Exception {
        assertEquals("connected via WSS", connect(CallwayServer.WSS + "/ws"));
    }

    @Test
    void jssipAtAnotherPathIsRefused() throws Exception {
        assertEquals("disconnected: 1006", connect(CallwayServer.WS + "/sip"));
    }
}
