package org.callway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A hangup cause longer than its column is shortened, so the record is still written. */
class CdrCauseTest {

    @Test
    void longCauseIsShortenedToTheColumn() {
        Cdr cdr = new Cdr("c1", "alice", "bob", Instant.now());
        String reason = "488 no common codec between alice and bob and none to transcode " + "x".repeat(200);
        cdr.ended(Instant.now(), Cdr.Disposition.FAILED, reason, 0, 0, 0);
        assertEquals(128, cdr.getHangupCause().length());
        assertTrue(cdr.getHangupCause().startsWith("488 no common codec between alice and bob"));
        assertTrue(cdr.getHangupCause().endsWith("…"));
    }

    @Test
    void shortCauseIsKept() {
        Cdr cdr = new Cdr("c2", "alice", "601", Instant.now());
        cdr.ended(Instant.now(), Cdr.Disposition.ANSWERED, "playback done", 10, 150, 0);
        assertEquals("playback done", cdr.getHangupCause());
    }
}
