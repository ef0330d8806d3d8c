package org.callway.sdp;

import java.util.OptionalInt;

/**
 * What was agreed for one accepted media section.
 *
 * @param index          the section's position in the offer (answers keep the order, RFC 3264 §6)
 * @param mid            a=mid, or null when the offer has none
 * @param codec          the codec media flows in
 * @param payloadType    its payload type: the offerer's number (RFC 3264 §6.1)
 * @param telephoneEvent the RFC 4733 payload type for DTMF, if agreed
 * @param direction      the direction Callway uses for the stream (its a= line in our answer)
 */
public record MediaPlan(int index, String mid, Codec codec, int payloadType, OptionalInt telephoneEvent,
        Direction direction) {
}
