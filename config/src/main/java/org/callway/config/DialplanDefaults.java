package org.callway.config;

import java.util.List;

/**
 * A dial plan line as extensions.conf writes it: {@code exten => 600,1,Echo()} is
 * {@code new DialplanDefaults("default", "600", "ECHO", null)}.
 */
public record DialplanDefaults(String context, String extension, String application, String argument) {

    /**
     * The plan seeded into an empty database: 600 echo test and 601 playback (Asterisk's demo
     * numbers), and every four-digit extension dials the peer with that number.
     */
    public static List<DialplanDefaults> demo() {
        return List.of(
                new DialplanDefaults("default", "600", "ECHO", null),
                new DialplanDefaults("default", "601", "PLAYBACK", "demo"),
                new DialplanDefaults("default", "_1XXX", "DIAL", "${EXTEN}"));
    }
}
