package org.callway.peer.asterisk;

import java.util.List;
import org.callway.peer.PeerDraft;

/** What one section of a config file amounts to. */
public sealed interface Mapped {

    String section();

    /** A peer to create or update; {@code notes} say what was not carried over. */
    record Peer(String section, PeerDraft draft, List<String> notes) implements Mapped {
        public Peer {
            notes = List.copyOf(notes);
        }
    }

    /** Not a peer, or not one Callway can take; {@code reason} says which and why. */
    record Skipped(String section, String reason) implements Mapped {
    }
}
