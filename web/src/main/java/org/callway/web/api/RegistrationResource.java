package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.callway.registrar.Binding;
import org.callway.registrar.LocationService;
import org.callway.registrar.SipEndpoints;

/** Live registrations (Asterisk's {@code sip show peers} / {@code pjsip show contacts}). */
@Path("/registrations")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    /** One binding as an administrator reads it. */
    public record RegistrationView(String peer, String contact, String transport, String sourceAddress,
            int sourcePort, String userAgent, long expiresIn, String instance, String flow) {

        static RegistrationView of(Binding b, Instant now) {
            return new RegistrationView(b.aor(), b.contact(), b.transport().name(),
                    b.source().getAddress().getHostAddress(), b.source().getPort(), b.userAgent(),
                    Math.max(0, b.expires().getEpochSecond() - now.getEpochSecond()),
                    b.instance().orElse(null), b.flowId());
        }
    }

    @Inject
    LocationService location;

    @Inject
    SipEndpoints endpoints;

    @GET
    public List<RegistrationView> list() {
        Instant now = Instant.now();
        return location.all().stream()
                .sorted(Comparator.comparing(Binding::aor).thenComparing(Binding::contact))
                .map(b -> RegistrationView.of(b, now)).toList();
    }

    /**
     * Unregisters a peer; with {@code close=true} also closes the connections its bindings came
     * over, so the client notices at once (it will re-register if it wants to).
     */
    @DELETE
    @Path("{peer}")
    public Response remove(@PathParam("peer") String peer, @QueryParam("close") boolean close) {
        List<Binding> removed = location.bindings(peer);
        if (removed.isEmpty()) {
            return Problem.response(Response.Status.NOT_FOUND, "Not registered", peer + " has no registration");
        }
        location.update(peer, current -> List.of());
        if (close) {
            removed.forEach(b -> endpoints.connection(b.flowId()).ifPresent(f -> f.sender().close(f)));
        }
        return Response.noContent().build();
    }
}
