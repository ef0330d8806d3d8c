package org.callway.media.api;

import java.io.Serializable;
import java.util.List;

/** What {@link MediaConnection#play} plays into a leg, encoded in the leg's first audio format. */
public sealed interface Prompt extends Serializable {

    /**
     * A tone: the sum of {@code frequencies} (Hz), on for {@code onMillis}, off for
     * {@code offMillis}, repeated until {@code totalMillis} have passed (0: until stopped).
     */
    record Tone(List<Integer> frequencies, int onMillis, int offMillis, int totalMillis) implements Prompt {
        public Tone {
            frequencies = List.copyOf(frequencies);
        }
    }

    /**
     * A WAV prompt by name (16-bit PCM or G.711, mono, any of 8/16/48 kHz): looked up on the
     * adapter's prompt path, then as a class-path resource {@code prompts/<name>.wav}.
     */
    record Wav(String name) implements Prompt { }
}
