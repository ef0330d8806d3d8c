package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.callway.config.Transport;
import org.callway.peer.Peer;
import org.callway.peer.PeerRepository;
import org.callway.peer.Realm;

/** Peers for administrators (web.xml restricts {@code /api/peers} to callway-admin). */
@Path("/peers")
@Produces(MediaType.APPLICATION_JSON)
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

    /** A new peer, with sip.conf's defaults for what is left out ({@code transport=udp}, {@code context=default}). */
    public record PeerRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._~-]{1,64}", message = "letters, digits and . _ ~ - only, at most 64")
            String name,
            @Pattern(regexp = "[0-9*#+]{1,32}", message = "digits, * # + only, at most 32") String number,
            @NotNull @Size(min = 6, max = 128, message = "between 6 and 128 characters") String secret,
            List<@Pattern(regexp = "(?i)udp|tcp|tls|ws|wss", message = "one of udp, tcp, tls, ws, wss") String> transports,
            Boolean avpf,
            Boolean encryption,
            List<@Pattern(regexp = "(?i)no|yes|force_rport|comedia|auto_force_rport|auto_comedia",
                    message = "one of no, yes, force_rport, comedia, auto_force_rport, auto_comedia") String> nat,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "letters, digits, _ and - only") String context,
            List<@Pattern(regexp = "[A-Za-z0-9.-]{1,32}", message = "a codec name such as opus or ulaw") String> codecs) {
    }

    @Inject
    PeerRepository peers;

    @Inject
    Realm realm;

    @GET
    public List<PeerView> list() {
        return peers.all().stream().map(PeerView::of).toList();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return peers.findByName(name).map(p -> Response.ok(PeerView.of(p)).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND, "No such peer", "no peer named " + name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull PeerRequest request, @Context UriInfo uri) {
        Optional<String> conflict = peers.conflict(request.name(), request.number());
        if (conflict.isPresent()) {
            return Problem.response(Response.Status.CONFLICT, "Peer exists", conflict.get());
        }
        Peer peer = new Peer(request.name(), request.number());
        peer.setSecret(realm.name(), request.secret());
        EnumSet<Transport> transports = EnumSet.noneOf(Transport.class);
        (request.transports() == null ? List.of("udp") : request.transports())
                .forEach(t -> transports.add(Transport.parse(t)));
        peer.setTransports(transports);
        peer.setAvpf(Boolean.TRUE.equals(request.avpf()));
        peer.setEncryption(Boolean.TRUE.equals(request.encryption()));
        if (request.nat() != null) {
            peer.setNat(new LinkedHashSet<>(request.nat().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()));
        }
        if (request.context() != null) {
            peer.setContext(request.context());
        }
        if (request.codecs() != null) {
            peer.setCodecs(request.codecs());
        }
        peers.create(peer);
        return Response.created(uri.getAbsolutePathBuilder().path(peer.getName()).build())
                .entity(PeerView.of(peer)).build();
    }
}
