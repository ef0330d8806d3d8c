package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The TURN client's STUN bytes against RFC 5769's test vectors. */
class StunBytesTest {

    /** RFC 5769 §2.4: a request with long-term authentication (username "マトリックス", password "TheMatrIX"). */
    private static final byte[] LONG_TERM_REQUEST = HexFormat.of().parseHex((""
            + "00010060 2112a442 78ad3433 c6ad72c0 29da412e"
            + "00060012 e3839ee3 8388e383 aae38383 e382afe3 82b90000"
            + "0015001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341"
            + "0014000b 6578616d 706c652e 6f726700"
            + "00080014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666").replace(" ", ""));

    @Test
    void longTermKeyVerifiesTheRfc5769Sample() {
        StunBytes.Parsed m = StunBytes.Parsed.of(LONG_TERM_REQUEST, LONG_TERM_REQUEST.length);
        assertEquals(StunBytes.BINDING, m.method());
        assertEquals(StunBytes.REQUEST, m.messageClass());
        assertEquals("\u30de\u30c8\u30ea\u30c3\u30af\u30b9", m.text(StunBytes.USERNAME));
        assertEquals("example.org", m.text(StunBytes.REALM));
        assertEquals("f//499k954d6OL34oL9FSTvy64sA", m.text(StunBytes.NONCE));
        byte[] key = StunBytes.longTermKey(m.text(StunBytes.USERNAME), "example.org", "TheMatrIX");
        assertTrue(m.integrityOk(key), "MD5(user:realm:pass) keys the sample's MESSAGE-INTEGRITY (RFC 8489 §9.2.2)");
        assertFalse(m.integrityOk(StunBytes.longTermKey(m.text(StunBytes.USERNAME), "example.org", "TheMatrix")));
    }

    @Test
    void writerReproducesTheRfc5769SampleByteForByte() {
        byte[] tid = Arrays.copyOfRange(LONG_TERM_REQUEST, 8, 20);
        StunBytes.Writer w = new StunBytes.Writer(StunBytes.type(StunBytes.BINDING, StunBytes.REQUEST), tid)
                .text(StunBytes.USERNAME, "\u30de\u30c8\u30ea\u30c3\u30af\u30b9")
                .text(StunBytes.NONCE, "f//499k954d6OL34oL9FSTvy64sA")
                .text(StunBytes.REALM, "example.org")
                .integrity(StunBytes.longTermKey("\u30de\u30c8\u30ea\u30c3\u30af\u30b9", "example.org", "TheMatrIX"));
        assertArrayEquals(LONG_TERM_REQUEST, w.bytes());
    }

    @Test
    void xorMappedAddressOfTheRfc5769Ipv4Response() {
        // RFC 5769 §2.2: 00 01 a1 47 e1 12 a6 43 is 192.0.2.1:32853.
        byte[] value = HexFormat.of().parseHex("0001a147e112a643");
        byte[] tid = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
        InetSocketAddress a = StunBytes.unxor(value, tid);
        assertEquals(new InetSocketAddress("192.0.2.1", 32853), a);
        assertArrayEquals(value, StunBytes.xor(a, tid));
    }

    @Test
    void turnMethodsEncodeToTheirRfc8656Types() {
        assertEquals(0x0003, StunBytes.type(StunBytes.ALLOCATE, StunBytes.REQUEST));
        assertEquals(0x0113, StunBytes.type(StunBytes.ALLOCATE, StunBytes.ERROR));
        assertEquals(0x0016, StunBytes.type(StunBytes.SEND, StunBytes.INDICATION));
        assertEquals(0x0017, StunBytes.type(StunBytes.DATA, StunBytes.INDICATION));
        assertEquals(0x0109, StunBytes.type(StunBytes.CHANNEL_BIND, StunBytes.SUCCESS));
    }
}
