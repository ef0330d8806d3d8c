package org.callway.peer.asterisk;

import java.util.List;

/** Turns the sections of one kind of Asterisk file into peers and reasons for skipping. */
public sealed interface PeerMapper permits SipConfMapper, PjsipConfMapper {

    /**
     * One result per section, in file order.
     *
     * @param ourRealm Callway's digest realm: an MD5 HA1 from the file is only usable if it was
     *        computed for this realm
     */
    List<Mapped> map(AsteriskConfig config, String ourRealm);
}
