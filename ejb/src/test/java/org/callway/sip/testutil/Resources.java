package org.callway.sip.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test resource loading. */
public final class Resources {
    private Resources() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text with LF line ends turned into CRLF (fixtures written by hand use LF). */
    public static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
