package org.callway.media.ra.sip;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.media.api.sip.SipPacket;
import org.callway.media.api.sip.SipPacketListener;
import org.callway.media.api.sip.SipSocket;

/**
 * Hands what the readers read to the activated message endpoint. A message endpoint serves one
 * thread at a time (JCA 1.7 §13.5.3), so each reader thread keeps its own, made on first use
 * and replaced when the activation changes. Before activation, packets are dropped and counted.
 */
public final class SipDelivery {

    private static final Logger LOG = Logger.getLogger(SipDelivery.class.getName());

    private volatile MessageEndpointFactory factory;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    void activate(MessageEndpointFactory f) {
        factory = f;
        generation.incrementAndGet();
    }

    void deactivate(MessageEndpointFactory f) {
        if (factory == f) {
            factory = null;
            generation.incrementAndGet();
        }
    }

    /** The per-reader-thread state: its endpoint and the activation it belongs to. */
    final class Receiver {
        private MessageEndpoint endpoint;
        private long endpointGeneration = -1;

        void packet(SipPacket packet) {
            SipPacketListener listener = listener();
            if (listener == null) {
                dropped.incrementAndGet();
                return;
            }
            try {
                listener.onPacket(packet);
                delivered.incrementAndGet();
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
                LOG.log(Level.WARNING, "SIP receiver failed on a packet from " + packet.remote(), e);
            }
        }

        void closed(SipSocket connection) {
            SipPacketListener listener = listener();
            if (listener != null) {
                try {
                    listener.onClosed(connection);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SIP receiver failed on close of " + connection.id(), e);
                }
            }
        }

        private SipPacketListener listener() {
            long current = generation.get();
            if (current != endpointGeneration) {
                release();
                endpointGeneration = current;
                MessageEndpointFactory f = factory;
                if (f != null) {
                    try {
                        endpoint = f.createEndpoint(null);
                    } catch (UnavailableException e) {
                        LOG.log(Level.WARNING, "SIP receiver unavailable", e);
                        endpointGeneration = -1;
                    }
                }
            }
            return (SipPacketListener) endpoint;
        }

        void release() {
            if (endpoint != null) {
                endpoint.release();
                endpoint = null;
            }
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long dropped() {
        return dropped.get();
    }
}
