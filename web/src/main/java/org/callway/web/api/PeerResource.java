package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.callway.peer.Peer;
import org.callway.peer.PeerRepository;

/** Peers for administrators (web.xml restricts {@code /api/peers} to callway-admin). */
@Path("/peers")
public class PeerResource {

    /** A peer as the API shows it: Asterisk's option names, never the secret or its hashes. */
    public record PeerView(String name, String number, List<String> transports, boolean avpf, boolean encryption,
            List<String> nat, String context, List<String> codecs, String host) {

        static PeerView of(Peer p) {
            return new PeerView(p.getName(), p.getNumber(),
                    p.getTransports().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList(),
                    p.isAvpf(), p.isEncryption(), List.copyOf(p.getNat()), p.getContext(), p.getCodecs(),
                    p.getHost());
        }
    }

    @Inject
    PeerRepository peers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PeerView> list() {
        return peers.all().stream().map(PeerView::of).toList();
    }
}
