package org.callway.peer;

/** A peer was created, changed or deleted: the {@link PeerDirectory} reloads after the commit. */
public record PeersChanged(String name) {
}
