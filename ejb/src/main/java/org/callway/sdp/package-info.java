/**
 * SDP for calls: a model that keeps every line ({@link org.callway.sdp.SessionDescription}), a
 * parser whose failures are values ({@link org.callway.sdp.SdpParser}, RFC 8866), typed access to
 * the WebRTC/JSEP attributes (RFC 8829, 8839, 8842, 5763, 9143, 5761, 4585, 4568), offer
 * analysis and answer building with Asterisk's peer semantics ({@link org.callway.sdp.Answerer},
 * RFC 3264) and offers for outgoing legs ({@link org.callway.sdp.Offerer}). Pure Java, no container.
 */
package org.callway.sdp;
