package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The captured offers under {@code src/test/resources/sdp}, and a parse that must succeed. */
final class Fixtures {
    private Fixtures() {
    }

    /** What headless Chromium 156 offers for one audio track (LF line ends, as captured). */
    static String chromiumOffer() {
        return read("chromium-156-audio-offer.sdp");
    }

    /** The body of the INVITE JsSIP 3.13.8 sends: the full gathered offer, CRLF line ends. */
    static String jssipOffer() {
        String invite = read("jssip-3.13-invite.sip");
        return invite.substring(invite.indexOf("\r\n\r\n") + 4);
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String sdp) {
        SdpResult r = new SdpParser().parse(sdp);
        if (r instanceof SdpResult.Parsed p) {
            return p.sdp();
        }
        return fail("should parse: " + r);
    }

    /** Joins lines with CRLF, as a SIP peer would send them. */
    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }
}
