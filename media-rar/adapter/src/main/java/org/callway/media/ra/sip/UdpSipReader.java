package org.callway.media.ra.sip;

import org.callway.media.ra.WorkNames;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.media.api.sip.SipPacket;
import org.callway.media.api.sip.SipSocket;

/**
 * SIP over UDP on one shared socket (RFC 3261 §18): every datagram goes to the stack whole;
 * responses and requests to UDP peers leave from this same socket, so NATs see one 5-tuple
 * (what Asterisk's {@code nat=force_rport} relies on).
 */
final class UdpSipReader implements Work, SipSocket {

    private static final Logger LOG = Logger.getLogger(UdpSipReader.class.getName());
    /** RFC 3261 §18.1.1 allows UDP messages up to 65,535 bytes. */
    private static final int MAX_DATAGRAM = 65_535;
    /** Asked of the kernel, which caps it at net.core.rmem_max. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final SipDelivery.Receiver receiver;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private UdpSipReader(DatagramChannel channel, SipDelivery.Receiver receiver) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.receiver = receiver;
    }

    static UdpSipReader open(InetSocketAddress bindTo, SipDelivery delivery) throws IOException {
        DatagramChannel channel = DatagramChannel.open(bindTo.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            // A call-setup burst arrives faster than one reader parses it: the kernel's default
            // buffer (~200 KB) dropped over a thousand datagrams at 1,000 calls/s (seen in ss -um).
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(bindTo);
            return new UdpSipReader(channel, delivery.new Receiver());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    InetSocketAddress local() {
        return local;
    }

    @Override
    public String id() {
        return "udp-" + local.getAddress().getHostAddress() + ":" + local.getPort();
    }

    @Override
    public void run() {
        WorkNames.run("sip udp/" + WorkNames.address(local), this::loop);
    }

    private void loop() {
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (channel.isOpen()) {
                in.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(in);
                in.flip();
                byte[] bytes = new byte[in.remaining()];
                in.get(bytes);
                receiver.packet(new SipPacket("UDP", from, local, this, bytes));
            }
        } catch (ClosedChannelException closed) {
            // release(): the normal way out
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "SIP UDP socket " + local + " failed", e);
        } finally {
            receiver.release();
            stopped.countDown();
        }
    }

    @Override
    public boolean send(InetSocketAddress destination, byte[] bytes) {
        try {
            // DatagramChannel serialises concurrent senders; a UDP send does not wait for the peer.
            return channel.send(ByteBuffer.wrap(bytes), destination) == bytes.length;
        } catch (IOException e) {
            LOG.log(Level.FINE, "SIP UDP send to " + destination + " failed", e);
            return false;
        }
    }

    @Override
    public void close() {
        // The shared listening socket closes only with the adapter.
    }

    @Override
    public void release() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + local, e);
        }
    }

    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
