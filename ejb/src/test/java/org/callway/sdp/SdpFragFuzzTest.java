package org.callway.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test of the trickle-ice INFO body parser: whatever arrives, {@link SdpFrag#parse}
 * gives Parsed or Failed — never an exception, which would turn a peer's bad INFO into a 500 —
 * and a parsed fragment has what the INFO handler relies on: a mid and a ufrag for every section.
 *
 * <p>Plain {@code mvn test} replays the seeds in {@code SdpFragFuzzTestInputs/parse}; fuzz with
 * {@code JAZZER_FUZZ=1 mvn -o -pl ejb test -Dtest=SdpFragFuzzTest}.
 */
class SdpFragFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        if (SdpFrag.parse(new String(input, StandardCharsets.UTF_8)) instanceof SdpFrag.Result.Parsed p) {
            for (SdpFrag.Section s : p.frag().media()) {
                if (s.mid() == null || p.frag().ufrag(s).isEmpty()) {
                    throw new AssertionError("section without mid or ufrag: " + s);
                }
            }
        }
    }
}
