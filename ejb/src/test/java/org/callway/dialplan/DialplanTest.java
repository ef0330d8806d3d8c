package org.callway.dialplan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** extensions.conf matching as Asterisk users know it. */
class DialplanTest {

    private static DialplanEntry e(String exten, DialplanEntry.Application app, String arg) {
        return new DialplanEntry("default", exten, app, arg);
    }

    private final List<DialplanEntry> plan = List.of(
            e("600", DialplanEntry.Application.ECHO, null),
            e("_1XXX", DialplanEntry.Application.DIAL, "${EXTEN}"),
            e("_1[0-4]0X", DialplanEntry.Application.HANGUP, "486"),
            e("_9.", DialplanEntry.Application.HANGUP, "403"));

    @Test
    void patternsAsAsteriskWritesThem() {
        assertTrue(ExtensionPattern.of("_1XXX").matches("1001"));
        assertFalse(ExtensionPattern.of("_1XXX").matches("100"));
        assertTrue(ExtensionPattern.of("_NXX").matches("299"));
        assertFalse(ExtensionPattern.of("_NXX").matches("199"));
        assertTrue(ExtensionPattern.of("_Z!").matches("5"));
        assertTrue(ExtensionPattern.of("_9.").matches("9123"));
        assertFalse(ExtensionPattern.of("_9.").matches("9"));
        assertTrue(ExtensionPattern.of("600").matches("600"));
        assertFalse(ExtensionPattern.of("600").matches("6000"));
    }

    @Test
    void literalBeatsPatternAndNarrowerPatternBeatsWider() {
        assertEquals(Optional.of(new Action.Echo()), Dialplan.pick(plan, "600").map(x -> x.action("600")));
        assertEquals(Optional.of(new Action.Hangup(486)), Dialplan.pick(plan, "1203").map(x -> x.action("1203")));
        assertEquals(Optional.of(new Action.Dial("1501")), Dialplan.pick(plan, "1501").map(x -> x.action("1501")));
        assertEquals(Optional.of(new Action.Hangup(486)), Dialplan.pick(plan, "1001").map(x -> x.action("1001")));
        assertEquals(Optional.of(new Action.Hangup(403)), Dialplan.pick(plan, "9555").map(x -> x.action("9555")));
        assertEquals(Optional.empty(), Dialplan.pick(plan, "777"));
    }
}
