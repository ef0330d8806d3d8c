package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Against the sample addresses and transaction ID of RFC 5769 §2.2 and §2.3. */
class StunBindingTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TRANSACTION = HEX.parseHex("b7e7a701bc34d686fa87dfae");

    private static ByteBuffer request() {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442).put(TRANSACTION).flip();
        return b;
    }

    private static byte[] answer(ByteBuffer request, String address) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(100);
        assertTrue(StunBinding.answer(request, new InetSocketAddress(InetAddress.getByName(address), 32853), out));
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    @Test
    void ipv4MappedAddressMatchesRfc5769() throws Exception {
        byte[] response = answer(request(), "192.0.2.1");
        assertArrayEquals(HEX.parseHex("0101000c2112a442"), Arrays.copyOf(response, 8));
        assertArrayEquals(TRANSACTION, Arrays.copyOfRange(response, 8, 20));
        assertArrayEquals(HEX.parseHex("002000080001a147e112a643"), Arrays.copyOfRange(response, 20, 32));
    }

    @Test
    void ipv6MappedAddressMatchesRfc5769() throws Exception {
        byte[] response = answer(request(), "2001:db8:1234:5678:11:2233:4455:6677");
        assertArrayEquals(HEX.parseHex("002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"),
                Arrays.copyOfRange(response, 20, 44));
    }

    @Test
    void rtpAndTruncatedPacketsAreNotStun() {
        ByteBuffer rtp = ByteBuffer.wrap(HEX.parseHex("80000001000000000000000100000000000000000000"));
        ByteBuffer out = ByteBuffer.allocate(100);
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 5000);
        assertFalse(StunBinding.answer(rtp, from, out));
        assertFalse(StunBinding.answer(ByteBuffer.wrap(new byte[12]), from, out));
        ByteBuffer wrongLength = request();
        wrongLength.putShort(2, (short) 8);
        assertFalse(StunBinding.answer(wrongLength, from, out));
    }
}
