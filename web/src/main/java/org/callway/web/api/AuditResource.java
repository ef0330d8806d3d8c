package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.callway.audit.AuditEntry;
import org.callway.audit.AuditLog;

/** The audit log of configuration changes, newest first, paged (web.xml: administrators only). */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** One change; {@code before}/{@code after} are the target as the API showed it, or null. */
    public record EntryView(Instant at, String subject, String username, String address, String action,
            String target, JsonValue before, JsonValue after) {

        static EntryView of(AuditEntry e) {
            return new EntryView(e.getChangedAt(), e.getSubject(), e.getUsername(), e.getAddress(), e.getAction(),
                    e.getTarget(), json(e.getStateBefore()), json(e.getStateAfter()));
        }

        private static JsonValue json(String text) {
            if (text == null) {
                return JsonValue.NULL;
            }
            try (var reader = Json.createReader(new StringReader(text))) {
                return reader.readValue();
            }
        }
    }

    /** A page of the log and how many entries there are in all. */
    public record Page(long total, int offset, int limit, List<EntryView> entries) {
    }

    @Inject
    AuditLog audit;

    @GET
    public Response page(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        if (offset < 0 || limit < 1 || limit > 500) {
            return Problem.response(Response.Status.BAD_REQUEST, "Invalid page", "offset >= 0, 1 <= limit <= 500");
        }
        List<EntryView> entries = audit.page(offset, limit).stream().map(EntryView::of).toList();
        return Response.ok(new Page(audit.count(), offset, limit, entries)).build();
    }
}
