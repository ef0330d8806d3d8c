package org.callway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallSettingsTest {

    @Test
    void rtpTimeoutDefaultsToAMinuteAndZeroTurnsItOff() {
        assertEquals(Duration.ofSeconds(60), CallSettings.resolve(Map.<String, String>of()::get).rtpTimeout());
        assertEquals(Duration.ZERO, CallSettings.resolve(Map.of("callway.call.rtp-timeout", "0")::get).rtpTimeout());
        assertEquals(Duration.ofSeconds(5), CallSettings.resolve(Map.of("callway.call.rtp-timeout", " 5 ")::get).rtpTimeout());
    }

    @Test
    void aValueThatIsNoNumberStopsTheStart() {
        assertThrows(NumberFormatException.class,
                () -> CallSettings.resolve(Map.of("callway.call.rtp-timeout", "soon")::get));
    }
}
