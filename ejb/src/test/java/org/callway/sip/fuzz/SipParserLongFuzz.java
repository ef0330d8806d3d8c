package org.callway.sip.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long, on-demand fuzz run (30 minutes; stop it any time). Not matched by the default
 * surefire includes, so it runs only when named:
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -pl ejb -am test -Dtest=SipParserLongFuzz -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Findings are written to {@code ejb/src/test/resources/org/callway/sip/fuzz/SipParserLongFuzzInputs/}.
 */
class SipParserLongFuzz {
    @FuzzTest(maxDuration = "30m")
    void parse(byte[] input) {
        SipParserFuzzTest.check(input);
    }
}
