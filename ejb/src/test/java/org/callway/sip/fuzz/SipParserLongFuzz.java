package org.callway.sip.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long, on-demand fuzz run (30 minutes; stop it early with Ctrl-C — SIGINT ends libFuzzer
 * cleanly, whereas SIGTERM makes Jazzer save the input in flight as a bogus crash file). Not matched by the default
 * surefire includes, so it runs only when named:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl ejb -am test -Dtest=SipParserLongFuzz -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * A finding stops the run with the exception and is written to
 * {@code ejb/src/test/resources/org/callway/sip/fuzz/SipParserLongFuzzInputs/parse/crash-*}; move it to
 * {@code SipParserFuzzTestInputs/parse/} so every {@code mvn test} replays it. The generated corpus goes
 * to {@code ejb/.cifuzz-corpus} (git-ignored).
 */
class SipParserLongFuzz {
    @FuzzTest(maxDuration = "30m")
    void parse(byte[] input) {
        SipParserFuzzTest.check(input);
    }
}
