package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.callway.audit.AuditLog;
import org.callway.dialplan.Dialplan;
import org.callway.dialplan.DialplanEntry;
import org.callway.dialplan.ExtensionPattern;
import org.callway.peer.PeerRules;

/**
 * The dial plan for administrators (extensions.conf's {@code exten => 600,1,Echo()} lines):
 * list, add, delete. web.xml restricts {@code /api/dialplan} to callway-admin.
 */
@Path("/dialplan")
@Produces(MediaType.APPLICATION_JSON)
public class DialplanResource {

    /** A literal extension, or {@code _} and Asterisk's pattern characters. */
    static final String EXTENSION = "[0-9*#+]{1,64}|_[0-9XxZzNn.!*#+\\[\\]-]{1,63}";
    static final String EXTENSION_MESSAGE = "digits, * # +, or _ and a pattern such as _1XXX";
    static final String DIAL_TARGET = "\\$\\{EXTEN}|" + PeerRules.NAME + "|" + PeerRules.NUMBER;
    static final String APPLICATION = "(?i)dial|echo|playback|hangup";
    static final String APPLICATION_MESSAGE = "one of dial, echo, playback, hangup";

    /** One dial plan line; {@code argument} is the peer for dial, the prompt for playback, the status for hangup. */
    public record EntryView(long id, String context, String extension, String application, String argument) {

        static EntryView of(DialplanEntry e) {
            return new EntryView(e.getId(), e.getContext(), e.getExtension(),
                    e.getApplication().name().toLowerCase(Locale.ROOT), e.getArgument());
        }
    }

    /** A new line; {@code context} defaults to {@code default}, as in sip.conf. */
    public record EntryRequest(
            @Pattern(regexp = PeerRules.CONTEXT, message = PeerRules.CONTEXT_MESSAGE) String context,
            @NotBlank @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String extension,
            @NotBlank @Pattern(regexp = APPLICATION, message = APPLICATION_MESSAGE) String application,
            String argument) {
    }

    @Inject
    Dialplan dialplan;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @GET
    public List<EntryView> list() {
        return dialplan.all().stream().map(EntryView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull EntryRequest request, @Context UriInfo uri) {
        String context = request.context() == null ? "default" : request.context();
        DialplanEntry.Application application =
                DialplanEntry.Application.valueOf(request.application().toUpperCase(Locale.ROOT));
        String argument = request.argument() == null || request.argument().isBlank() ? null
                : request.argument().trim();
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            ExtensionPattern.of(request.extension());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("extension", e.getMessage()));
        }
        argumentError(application, argument).ifPresent(m -> errors.add(new Problem.FieldError("argument", m)));
        if (!errors.isEmpty()) {
            return Problem.invalid(errors);
        }
        boolean taken = dialplan.all().stream()
                .anyMatch(e -> e.getContext().equals(context) && e.getExtension().equals(request.extension()));
        if (taken) {
            return Problem.response(Response.Status.CONFLICT, "Extension exists",
                    request.extension() + " is already in context " + context + "; delete it first",
                    List.of(new Problem.FieldError("extension", "already in context " + context)));
        }
        DialplanEntry saved = dialplan.add(new DialplanEntry(context, request.extension(), application, argument));
        EntryView view = EntryView.of(saved);
        Caller.audit(audit, this.request, "dialplan.add", target(view), Optional.empty(), Optional.of(view));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(saved.getId())).build())
                .entity(view).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        Optional<EntryView> before = dialplan.all().stream().filter(e -> e.getId() == id).findFirst()
                .map(EntryView::of);
        if (!dialplan.remove(id)) {
            return Problem.response(Response.Status.NOT_FOUND, "No such entry", "no dial plan entry " + id);
        }
        Caller.audit(audit, request, "dialplan.delete", before.map(DialplanResource::target).orElse(String.valueOf(id)),
                before, Optional.empty());
        return Response.noContent().build();
    }

    /** An entry as the audit log names it: extensions.conf's context and extension. */
    private static String target(EntryView e) {
        return e.context() + "/" + e.extension();
    }

    /** What each application accepts as its argument (extensions.conf's Dial(), Playback(), Hangup()). */
    private static Optional<String> argumentError(DialplanEntry.Application application, String argument) {
        String problem = switch (application) {
            case DIAL -> argument == null || !argument.matches(DIAL_TARGET)
                    ? "dial needs a peer name, a number or ${EXTEN}" : null;
            case ECHO -> argument != null ? "echo takes no argument" : null;
            case PLAYBACK -> argument != null && !argument.matches("[A-Za-z0-9_/-]{1,64}")
                    ? "a prompt name: letters, digits, _ / -" : null;
            case HANGUP -> argument != null && !argument.matches("[4-6][0-9][0-9]")
                    ? "a SIP status from 400 to 699" : null;
        };
        return Optional.ofNullable(problem);
    }
}
