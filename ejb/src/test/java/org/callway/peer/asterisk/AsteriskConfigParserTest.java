package org.callway.peer.asterisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.callway.sip.testutil.Resources;
import org.junit.jupiter.api.Test;

/** The config syntax of Asterisk's main/config.c, on its sample-style files and on small cases. */
class AsteriskConfigParserTest {

    private final AsteriskConfigParser parser = AsteriskConfigParser.withDefaultLimits();

    static AsteriskConfig sample(String name) {
        return AsteriskConfigParser.withDefaultLimits()
                .parse(new String(Resources.bytes("/asterisk/" + name), StandardCharsets.UTF_8));
    }

    private static ConfigSection section(AsteriskConfig config, String name) {
        return config.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void keyValueAndObjectArrowMeanTheSameAndBlanksAreTrimmed() {
        AsteriskConfig c = parser.parse("[a]\n  Secret =  s1  \ncontext=>internal\nhost  =>  dynamic\n");
        ConfigSection a = c.sections().get(0);
        assertEquals(Optional.of("s1"), a.value("secret"), "keys are case-insensitive, values trimmed");
        assertEquals(Optional.of("internal"), a.value("context"));
        assertEquals(Optional.of("dynamic"), a.value("host"));
    }

    @Test
    void semicolonCommentsEndTheLineButEscapedOnesAreText() {
        ConfigSection a = parser.parse("[a] ; the section\nsecret=pa\\;ss ; comment\n; whole line\n")
                .sections().get(0);
        assertEquals("a", a.name());
        assertEquals(List.of(new Setting("secret", "pa;ss", 2)), a.settings());
    }

    @Test
    void blockCommentsSpanLines() {
        ConfigSection a = parser.parse("[a]\nx=1 ;-- start\ny=2\n still --; z=3\n").sections().get(0);
        assertEquals(List.of("x", "z"), a.settings().stream().map(Setting::key).toList());
    }

    @Test
    void rulersAreLineCommentsAndBlockCommentsNest() {
        ConfigSection a = parser.parse("""
                [a]
                ;----------------- a ruler, not a block -----
                x=1
                ;-- outer ;-- inner --; still outer
                y=2 --;
                z=3
                """).sections().get(0);
        assertEquals(List.of("x", "z"), a.settings().stream().map(Setting::key).toList());
    }

    @Test
    void repeatedKeysKeepAllValuesInOrderAndTheLastWinsForSingleOptions() {
        ConfigSection a = parser.parse("[a]\nallow=ulaw\nallow=alaw\ncontext=one\ncontext=two\n").sections().get(0);
        assertEquals(List.of("ulaw", "alaw"), a.values("allow"));
        assertEquals(Optional.of("two"), a.value("context"));
    }

    @Test
    void templatesAreInheritedFirstAndInOrderIncludingTheirOwnTemplates() {
        AsteriskConfig c = parser.parse("""
                [base](!)
                context=base
                allow=ulaw
                [web](!,base)
                transport=ws
                [extra](!)
                context=extra
                [alice](web,extra)
                allow=opus
                """);
        ConfigSection alice = section(c, "alice");
        assertFalse(alice.template());
        assertTrue(section(c, "web").template());
        assertEquals(List.of("web", "extra"), alice.inherits());
        assertEquals(List.of("context", "allow", "transport", "context", "allow"),
                alice.settings().stream().map(Setting::key).toList());
        assertEquals(Optional.of("extra"), alice.value("context"), "the later template wins");
        assertEquals(List.of("ulaw", "opus"), alice.values("allow"));
    }

    @Test
    void aTemplateThatIsNotDefinedAboveIsTheSectionsProblem() {
        AsteriskConfig c = parser.parse("[alice](later)\nsecret=x\n[later](!)\ncontext=c\n");
        assertEquals(Optional.of("inherits 'later', which is not defined above it"), section(c, "alice").problem());
    }

    @Test
    void plusAddsToTheSectionOfThatName() {
        AsteriskConfig c = parser.parse("[a]\nx=1\n[b]\ny=2\n[a](+)\nz=3\n");
        assertEquals(2, c.sections().size());
        assertEquals(List.of("x", "z"), section(c, "a").settings().stream().map(Setting::key).toList());
    }

    @Test
    void sectionsMayShareANameAndAreFoundByType() {
        AsteriskConfig c = parser.parse("[u]\ntype=aor\n[u]\ntype=auth\npassword=p\n[u]\ntype=endpoint\n");
        assertEquals(3, c.sections().size());
        assertEquals(Optional.of("p"), c.find("u", "auth").orElseThrow().value("password"));
    }

    @Test
    void includesAndStrayLinesAreNotedWithTheirLineNumbers() {
        AsteriskConfig c = parser.parse("orphan=1\n[a]\n#include other.conf\nnot a setting\n#exec /bin/date\n");
        assertEquals(List.of(1, 3, 4, 5), c.notes().stream().map(AsteriskConfig.Note::line).toList());
        assertEquals("#include is not followed: import that file on its own", c.notes().get(1).reason());
        assertEquals("#exec is never run on import", c.notes().get(3).reason());
    }

    @Test
    void limitsAreEnforcedAsTypedFailures() {
        AsteriskConfigParser small = new AsteriskConfigParser(3, 20);
        assertThrows(AsteriskConfigParser.ConfigTooLarge.class, () -> small.parse("[a]\nb=1\nc=2\nd=3\n"));
        assertThrows(AsteriskConfigParser.ConfigTooLarge.class, () -> small.parse("[a]\nsecret=" + "x".repeat(20)));
    }

    @Test
    void theSipConfSampleParsesWithItsTemplatesAndComments() {
        AsteriskConfig c = sample("sip.conf");
        ConfigSection general = section(c, "general");
        assertEquals(Optional.of("pbx.example.com"), general.value("realm"));
        assertFalse(general.value("nat").isPresent(), "the block comment hid nat=comedia");
        ConfigSection client = section(c, "webrtc_client");
        assertEquals(Optional.of("webrtc;client-pw"), client.value("secret"));
        assertEquals(Optional.of("ws,wss"), client.value("transport"));
        assertEquals(Optional.of("no"), section(c, "reception").value("avpf"), "(+) appended to reception");
        assertEquals(List.of("#include sip_custom.conf", "#tryinclude \"sip-extra.conf\""),
                c.notes().stream().map(AsteriskConfig.Note::text).toList());
    }

    @Test
    void crlfFilesParseLikeLfFiles() {
        AsteriskConfig lf = sample("pjsip.conf");
        AsteriskConfig crlf = parser.parse(new String(Resources.crlf(
                new String(Resources.bytes("/asterisk/pjsip.conf"), StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        assertEquals(lf, crlf);
    }
}
