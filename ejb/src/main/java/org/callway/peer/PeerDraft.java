package org.callway.peer;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.callway.config.Transport;

/**
 * Everything an administrator or an imported config section says about a peer: the
 * Asterisk options, and a credential ({@code null} keeps the peer's current one on update).
 */
public record PeerDraft(String name, String number, Credential credential, Set<Transport> transports,
        boolean avpf, boolean encryption, Set<String> nat, String context, List<String> codecs, String host) {

    /** sip.conf's defaults: {@code transport=udp}, {@code context=default}, {@code host=dynamic}. */
    public static final String DEFAULT_CONTEXT = "default";
    public static final String DYNAMIC = "dynamic";
    /** Peer's defaults when a section has no {@code allow=}. */
    public static final List<String> DEFAULT_CODECS = List.of("ulaw", "alaw");

    public PeerDraft {
        transports = transports.isEmpty() ? EnumSet.noneOf(Transport.class) : EnumSet.copyOf(transports);
        nat = new LinkedHashSet<>(nat);
        codecs = List.copyOf(codecs);
    }
}
