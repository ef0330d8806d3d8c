/**
 * SIP message model (RFC 3261 §7, §19, §20, §25): requests, responses, URIs and typed
 * header values. Immutable values; the bottom layer of the stack, used by every layer above.
 */
package org.callway.sip.message;
