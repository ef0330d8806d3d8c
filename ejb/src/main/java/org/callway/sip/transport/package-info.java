/**
 * The transport layer (RFC 3261 §18, RFC 3581, RFC 5626 flows, RFC 7118 WebSocket): bytes
 * and {@link org.callway.sip.transport.Flow}s in, parsed messages up to the transaction layer;
 * messages down, bytes out through the {@link org.callway.sip.transport.FlowSender} the real
 * transport (web module's WebSocket endpoint, resource adapter's UDP/TCP/TLS listeners)
 * implements. It never opens sockets.
 */
package org.callway.sip.transport;
