package org.callway.media.api;

/** RFC 8445 §6.1.1: the offerer of a full-ICE session is controlling. */
public enum IceRole {
    CONTROLLING,
    CONTROLLED
}
