package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.callway.call.Cdr;
import org.callway.call.CdrRepository;
import org.callway.call.CdrWriter;

/** Call detail records, newest first, paged and filtered by time and peer. */
@Path("/cdrs")
@Produces(MediaType.APPLICATION_JSON)
public class CdrResource {

    /**
     * A CDR as Asterisk's Master.csv has it, in JSON. {@code packetsIn/Out/Dropped} are the caller
     * leg's; {@code callerLeg}/{@code calleeLeg} add each leg's RFC 3550 quality.
     */
    public record CdrView(String callId, String caller, String callee, Instant start, Instant answer, Instant end,
            long billSeconds, String disposition, String hangupCause, String codec, long packetsIn, long packetsOut,
            long packetsDropped, LegView callerLeg, LegView calleeLeg) {

        static CdrView of(Cdr c) {
            return new CdrView(c.getCallId(), c.getCaller(), c.getCallee(), c.getStartTime(), c.getAnswerTime(),
                    c.getEndTime(), c.getBillSeconds(), c.getDisposition() == null ? null : c.getDisposition().name(),
                    c.getHangupCause(), c.getCodec(), c.getPacketsIn(), c.getPacketsOut(), c.getPacketsDropped(),
                    new LegView(c.getPacketsIn(), c.getPacketsOut(), c.getCallerPacketsLost(), c.getCallerJitterMs(),
                            c.getCallerRttMs()),
                    c.getCalleePacketsIn() == null ? null : new LegView(c.getCalleePacketsIn(), c.getCalleePacketsOut(),
                            c.getCalleePacketsLost(), c.getCalleeJitterMs(), c.getCalleeRttMs()));
        }
    }

    /** One leg at the end of the call: null where not measured (loss in packets, jitter and RTT in ms). */
    public record LegView(Long packetsIn, Long packetsOut, Long packetsLost, Double jitterMs, Double rttMs) {
    }

    @Inject
    CdrRepository cdrs;

    @Inject
    CdrWriter writer;

    @GET
    public Response page(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("peer") String peer, @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        Instant start;
        Instant end;
        try {
            start = from == null ? Instant.EPOCH : Instant.parse(from);
            end = to == null ? Instant.now().plusSeconds(86_400) : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "Invalid time",
                    "from and to are ISO-8601 instants such as 2026-11-26T12:00:00Z");
        }
        if (offset < 0 || limit < 1 || limit > 500) {
            return Problem.response(Response.Status.BAD_REQUEST, "Invalid page", "offset >= 0, 1 <= limit <= 500");
        }
        writer.flush(); // the calls that ended before this request are listed
        List<CdrView> page = cdrs.page(start, end, peer, offset, limit).stream().map(CdrView::of).toList();
        return Response.ok(page).build();
    }
}
