package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.callway.call.CallService;

/** Calls in progress (Asterisk's {@code core show channels}) and hanging one up. */
@Path("/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    @Inject
    CallService calls;

    @GET
    public List<Map<String, Object>> active() {
        return calls.active();
    }

    @DELETE
    @Path("{callId}")
    public Response hangup(@PathParam("callId") String callId) {
        return calls.hangup(callId) ? Response.noContent().build()
                : Problem.response(Response.Status.NOT_FOUND, "No such call", "no call with Call-ID " + callId);
    }
}
