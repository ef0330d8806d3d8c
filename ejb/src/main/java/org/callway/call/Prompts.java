package org.callway.call;

import java.util.List;
import org.callway.media.api.Prompt;

/**
 * The prompt a dial plan {@code Playback(name)} means: {@code tone} is a test tone, any other
 * name a WAV prompt the engine finds on its prompt path or class path ({@code demo} ships).
 */
final class Prompts {

    /** The argument that plays a tone instead of a recording. */
    static final String TONE = "tone";

    /**
     * 5 s of 1004 Hz, the test tone of telephone networks (and of Asterisk's Milliwatt()):
     * long enough to hear, short enough that the call ends by itself.
     */
    static final Prompt.Tone TEST_TONE = new Prompt.Tone(List.of(1004), 1000, 0, 5000);

    private Prompts() {
    }

    static Prompt named(String name) {
        return TONE.equals(name) ? TEST_TONE : new Prompt.Wav(name);
    }
}
