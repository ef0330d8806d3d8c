package org.callway.media.api.sip;

/**
 * The inbound contract for SIP: the message listener interface an ejb message-driven bean
 * implements to receive what the adapter's SIP sockets read (JCA 1.7 §13).
 */
public interface SipPacketListener {

    /** One datagram or stream chunk; called on the adapter's reader threads, one at a time per socket. */
    void onPacket(SipPacket packet);

    /** A TCP/TLS connection closed; its flow's registrations go with it (RFC 5626 §5.2). */
    void onClosed(SipSocket connection);
}
