package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.callway.media.MediaService;
import org.callway.peer.PeerRepository;

/**
 * Liveness for load balancers and the test harness: UP when the media adapter has its
 * sockets and the database answers. Open to anonymous callers; it shows no secrets.
 */
@Path("/health")
public class HealthResource {

    /** What the health check reports; {@code media} lists the adapter's bound sockets. */
    public record Health(String status, List<String> media, long peers) {
    }

    @Inject
    MediaService media;

    @Inject
    PeerRepository peers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        try {
            List<String> sockets = media.mediaAddresses().stream()
                    .map(a -> "udp/" + a.getAddress().getHostAddress() + ":" + a.getPort()).toList();
            long count = peers.count();
            Health health = new Health(sockets.isEmpty() ? "DOWN" : "UP", sockets, count);
            return Response.status(sockets.isEmpty() ? 503 : 200).entity(health).build();
        } catch (Exception e) {
            return Response.status(503).entity(new Health("DOWN", List.of(), -1)).build();
        }
    }
}
