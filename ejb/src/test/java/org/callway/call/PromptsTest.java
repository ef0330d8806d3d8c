package org.callway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.callway.dialplan.Action;
import org.callway.dialplan.DialplanEntry;
import org.callway.media.api.Prompt;
import org.junit.jupiter.api.Test;

/** What a dial plan Playback line plays: the shipped demo recording, a named WAV, or the test tone. */
class PromptsTest {

    private static Prompt played(String argument) {
        Action a = new DialplanEntry("default", "601", DialplanEntry.Application.PLAYBACK, argument).action("601");
        return Prompts.named(((Action.Playback) a).prompt());
    }

    @Test
    void theSeeded601PlaysTheDemoRecording() {
        org.callway.config.DialplanDefaults seeded = org.callway.config.DialplanDefaults.demo().stream()
                .filter(d -> d.extension().equals("601")).findFirst().orElseThrow();
        assertEquals(new Prompt.Wav("demo"), played(seeded.argument()));
    }

    @Test
    void toneAndNoArgumentPlayTheTestTone() {
        assertEquals(new Prompt.Tone(List.of(1004), 1000, 0, 5000), played("tone"));
        assertEquals(played("tone"), played(null));
    }

    @Test
    void anyOtherNameIsAWavPrompt() {
        assertEquals(new Prompt.Wav("queue/thank-you"), played("queue/thank-you"));
        assertEquals(new Prompt.Wav("ext-601"), played("ext-${EXTEN}"));
    }
}
