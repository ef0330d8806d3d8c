package org.callway.sip.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.callway.sip.message.Address;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.SipMessage;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.SipUri;
import org.callway.sip.message.Via;
import org.callway.sip.testutil.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the torture messages parse to, and the reason each invalid one is answered with. */
class TortureDetailsTest {
    private final SipParser parser = new SipParser();

    private SipMessage valid(String name) {
        return ((ParseResult.Parsed) parser.parse(Resources.bytes("/sip/torture/valid/" + name + ".sip"))).message();
    }

    @Test
    void wsinvFoldingEscapesAndMixedForms() {
        SipRequest r = (SipRequest) valid("wsinv");
        assertTrue(((SipUri) r.uri()).params().has("unknownparam"));
        assertEquals("1918181833n", r.to().tag().orElseThrow());
        assertEquals("J Rosenberg \\\"", r.from().name().orElseThrow());
        assertEquals("98asjd8", r.from().tag().orElseThrow());
        assertEquals(68, r.headers().maxForwards().orElseThrow());
        assertEquals(9L, r.cseq().number());
        List<Via> vias = r.vias();
        assertEquals(3, vias.size());
        assertEquals("390skdjuw", vias.get(0).branch().orElseThrow());
        assertEquals("spindle.example.com", vias.get(1).host());
        assertEquals("z9hG4bK30239", vias.get(2).branch().orElseThrow());
        assertEquals("newfangled value continued newfangled value", r.headers().first("NewFangledHeader").orElseThrow());
        assertEquals("", r.headers().first("Subject").orElseThrow());
        Address contact = r.headers().contacts().orElseThrow().addresses().get(0);
        assertEquals("Quoted string \"\"", contact.name().orElseThrow());
        assertEquals("newvalue", contact.params().get("newparam").orElseThrow());
        assertEquals("0.33", contact.params().get("q").orElseThrow());
        assertEquals(150, r.body().length);
    }

    @Test
    void intmethUnusualCharacters() {
        SipRequest r = (SipRequest) valid("intmeth");
        assertEquals("!interesting-Method0123456789_*+`.%indeed'~", r.method());
        SipUri u = (SipUri) r.uri();
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", u.user());
        assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", u.password());
        assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", r.callId());
        assertEquals("_token~1'+`*%!-.", r.from().tag().orElseThrow());
        assertEquals("\"работающий\"", r.from().params().get("fromParam''~+*_!.-%").orElseThrow());
    }

    @Test
    void escapesAreKeptAndDecodable() {
        SipRequest r = (SipRequest) valid("esc01");
        assertEquals("sips:user@example.com", ((SipUri) r.uri()).userDecoded());
        assertEquals("user", ((SipUri) r.to().uri()).userDecoded());
        assertEquals("I have spaces", ((SipUri) r.from().uri()).userDecoded());
        SipRequest esc02 = (SipRequest) valid("esc02");
        assertEquals(2, esc02.headers().contacts().orElseThrow().addresses().size(), "C%6Fntact is another header");
    }

    @Test
    void dblreqOnlyFirstMessageOfDatagram() {
        SipRequest r = (SipRequest) valid("dblreq");
        assertEquals("REGISTER", r.method());
        assertEquals(0, r.body().length);
    }

    @Test
    void responsesWithOddReasons() {
        assertEquals("", ((SipResponse) valid("noreason")).reason());
        assertTrue(((SipResponse) valid("unreason")).reason().endsWith("простое"));
    }

    @Test
    void ipv6ReceivedWithAndWithoutBrackets() {
        assertEquals("[2001:db8::9:255]", valid("rfc5118-4.5-via-received-with-delim").topVia().orElseThrow().received().orElseThrow());
        assertEquals("2001:db8::9:255", valid("rfc5118-4.6-via-received-no-delim").topVia().orElseThrow().received().orElseThrow());
        SipUri amb = (SipUri) ((SipRequest) valid("rfc5118-4.3-port-ambiguous")).uri();
        assertEquals("[2001:db8::10:5070]", amb.host());
        assertEquals(-1, amb.port());
        assertEquals(5070, ((SipUri) ((SipRequest) valid("rfc5118-4.4-port-unambiguous")).uri()).port());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "badinv01|400|Invalid Via",
        "clerr|400|Content-Length Exceeds Body",
        "ncl|400|Invalid Content-Length",
        "scalar02|400|Invalid CSeq",
        "quotbal|400|Invalid To",
        "ltgtruri|400|Malformed Request-URI",
        "lwsruri|400|Bad Request Line",
        "lwsstart|400|Bad Request Line",
        "trws|400|Bad Request Line",
        "escruri|400|Malformed Request-URI",
        "baddate|400|Invalid Date",
        "badaspec|400|Invalid To",
        "baddn|400|Invalid From",
        "badvers|505|Version Not Supported",
        "mismatch01|400|CSeq Method Mismatch",
        "mismatch02|400|CSeq Method Mismatch",
        "insuf|400|Missing From",
        "multi01|400|Multiple From",
        "mcl01|400|Multiple Content-Length",
        "rfc5118-4.2-ipv6-bad|400|Malformed Request-URI"})
    void invalidRequestsFailWithANamedReason(String name, int status, String reason) {
        ParseResult.Failed f = assertInstanceOf(ParseResult.Failed.class,
                parser.parse(Resources.bytes("/sip/torture/invalid/" + name + ".sip")));
        assertEquals(status, f.fault().status());
        assertEquals(reason, f.reason());
        assertTrue(f.requestHeaders().isPresent(), "answerable: the headers were read");
    }

    @Test
    void regbadctContactNeedsAngleBrackets() {
        SipMessage m = ((ParseResult.Parsed) parser.parse(Resources.bytes("/sip/torture/invalid/regbadct.sip"))).message();
        assertEquals("Invalid " + HeaderNames.CONTACT, MessageValidator.check(m).orElseThrow());
    }
}
