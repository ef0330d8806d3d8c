package org.callway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void defaultsAreAsterisksPorts() {
        ServerSettings s = ServerSettings.resolve(k -> null, Map.of());
        assertEquals("ws://localhost:8088/ws", s.wsUrl());
        assertEquals("wss://localhost:8089/ws", s.wssUrl());
        assertEquals("https://localhost:8089/phone/", s.softphoneUrl());
        assertEquals("http://localhost:8088/console/", s.consoleUrl());
    }

    @Test
    void systemPropertyBeatsEnvironment() {
        ServerSettings s = ServerSettings.resolve(
                k -> k.equals("jboss.http.port") ? "9088" : null,
                Map.of("CALLWAY_HTTP_PORT", "7088", "CALLWAY_HTTPS_PORT", "7089", "CALLWAY_BIND_ADDRESS", "10.1.2.3"));
        assertEquals("ws://10.1.2.3:9088/ws", s.wsUrl());
        assertEquals("wss://10.1.2.3:7089/ws", s.wssUrl());
    }

    @Test
    void ipv6AddressesAreBracketed() {
        ServerSettings s = ServerSettings.resolve(k -> null, Map.of("CALLWAY_BIND_ADDRESS", "fd00::1"));
        assertEquals("http://[fd00::1]:8088/api", s.apiUrl());
    }
}
