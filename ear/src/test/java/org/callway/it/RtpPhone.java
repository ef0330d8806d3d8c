package org.callway.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * The RTP side of a G.711 desk phone whose SIP side is sipp: a UDP socket on loopback that the
 * scenario's SDP names ({@code m=audio @@RTP_PORT@@}), so the test sees exactly what the phone
 * received — payload types, and the µ-law decoded (peak, zero crossings). With {@code echo} it
 * sends every packet back to where it came from, as sipp's {@code -rtp_echo} does.
 */
final class RtpPhone implements AutoCloseable {

    /** What the phone got: RTP packets in PCMU and in anything else, and the decoded PCMU samples. */
    record Heard(int pcmu, int otherPayloadTypes, int peak, int zeroCrossings, int samples) {
        /** The dominant frequency, from the zero crossings (two per period) at 8 kHz. */
        double frequency() {
            return samples == 0 ? 0 : zeroCrossings / 2.0 / (samples / 8000.0);
        }
    }

    private final DatagramSocket socket;
    private final boolean echo;
    private final Thread reader;
    private volatile int pcmu;
    private volatile int others;
    private volatile int peak;
    private volatile int crossings;
    private volatile int samples;

    RtpPhone(int port, boolean echo) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.echo = echo;
        this.reader = new Thread(this::run, "rtp-phone-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    Heard heard() {
        return new Heard(pcmu, others, peak, crossings, samples);
    }

    private void run() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        int previous = 0;
        try {
            socket.setSoTimeout(200);
            while (!socket.isClosed()) {
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (packet.getLength() < 12 || (buffer[0] & 0xc0) != 0x80) {
                    continue; // not RTP version 2 (RFC 3550 §5.1)
                }
                if (echo) {
                    socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getSocketAddress()));
                }
                if ((buffer[1] & 0x7f) != 0) {
                    others++;
                    continue;
                }
                pcmu++;
                for (int i = 12; i < packet.getLength(); i++) {
                    int s = ulaw(buffer[i]);
                    peak = Math.max(peak, Math.abs(s));
                    if ((s >= 0) != (previous >= 0)) {
                        crossings++;
                    }
                    previous = s;
                    samples++;
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    /** ITU-T G.711 µ-law to linear PCM (16-bit scale). */
    static int ulaw(byte b) {
        int u = ~b & 0xff;
        int t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        reader.join(2_000);
    }
}
