package org.callway.sip.dialog;

/** Dialog identifier (RFC 3261 §12): Call-ID, local tag, remote tag — from our point of view. */
public record DialogId(String callId, String localTag, String remoteTag) {
}
