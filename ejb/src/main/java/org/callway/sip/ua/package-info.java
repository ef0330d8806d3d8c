/**
 * The UA core (RFC 3261 §8.2, §9.2, §11): the checks every UAS makes before a request reaches
 * application code (400, 405, 416, 420, 482, 483), OPTIONS, CANCEL, and per-method handler
 * registration for the registrar and the call service. {@link org.callway.sip.ua.SipStack} is the
 * single entry point a transport calls; {@link org.callway.sip.ua.SipStackBean} is its CDI wiring.
 */
package org.callway.sip.ua;
