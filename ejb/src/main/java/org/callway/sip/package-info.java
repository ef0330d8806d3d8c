/**
 * Callway's SIP stack, split by RFC layer like pjsip and sipgo; each layer uses only the one
 * below it (the message model is the shared vocabulary):
 *
 * <pre>
 * ua          UaCore, SipStack (entry point), SipStackBean (CDI)   RFC 3261 §8.2, §9.2, §11, §13.3.1.4
 * dialog      DialogLayer, Dialog                                  RFC 3261 §12
 * transaction TransactionLayer, Invite/NonInvite x Client/Server   RFC 3261 §17, RFC 6026
 * transport   TransportLayer, Flow (WebSocket | UDP | TCP/TLS)     RFC 3261 §18, RFC 3581, RFC 5626, RFC 7118
 * parser      SipParser, StreamDecoder, ParseResult                RFC 3261 §7, §25; RFC 4475; RFC 5118
 * message     SipRequest, SipResponse, Headers, Uri, Address, Via  RFC 3261 §19, §20
 * </pre>
 *
 * <p>Real transports (the web module's WebSocket endpoint, the resource adapter's listeners)
 * implement {@link org.callway.sip.transport.FlowSender}, wrap each connection or source
 * address in a {@link org.callway.sip.transport.Flow} and call
 * {@link org.callway.sip.ua.SipStackBean#receive(byte[], org.callway.sip.transport.Flow)}.
 * Application code registers per-method {@link org.callway.sip.ua.RequestHandler}s.
 *
 * <p>No class here opens a socket or starts a thread; timers run on a
 * {@link org.callway.sip.transaction.Scheduler} (the container's managed executor, or a fake
 * clock in tests).
 *
 * <p>On demand: {@code mvn -B -pl ejb -am -Pbench verify -DskipTests} (JMH) and
 * {@code JAZZER_FUZZ=1 mvn -B -pl ejb -am test -Dtest=SipParserLongFuzz -Dsurefire.failIfNoSpecifiedTests=false}
 * (30-minute fuzzing run).
 */
package org.callway.sip;
