package org.callway.web.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.callway.audit.AuditLog;
import org.callway.config.Transport;
import org.callway.peer.Credential;
import org.callway.peer.Peer;
import org.callway.peer.PeerDraft;
import org.callway.peer.PeerRepository;
import org.callway.peer.PeerRules;
import org.callway.peer.PeerService;
import org.callway.peer.asterisk.AsteriskConfigParser;
import org.callway.peer.asterisk.AsteriskFormat;

/**
 * Peers for administrators (web.xml restricts {@code /api/peers} to callway-admin): list, read,
 * create, replace, delete, and import Asterisk's sip.conf/pjsip.conf. The rules live in ejb's
 * {@link PeerService}; this class only translates HTTP.
 */
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

    /** Constraints that apply only when creating: a new peer needs a name and a secret. */
    public interface Create extends Default {
    }

    /**
     * A peer's options, with sip.conf's defaults for what is left out ({@code transport=udp},
     * {@code context=default}, {@code host=dynamic}). For PUT every option is replaced (this is
     * the whole peer); the name comes from the path and the secret may be left out to keep it.
     */
    public record PeerRequest(
            @NotBlank(groups = Create.class) @Pattern(regexp = PeerRules.NAME, message = PeerRules.NAME_MESSAGE)
            String name,
            @Pattern(regexp = PeerRules.NUMBER, message = PeerRules.NUMBER_MESSAGE) String number,
            @NotNull(groups = Create.class)
            @Size(min = PeerRules.SECRET_MIN, max = PeerRules.SECRET_MAX, message = PeerRules.SECRET_MESSAGE)
            String secret,
            @Size(min = 1, message = "at least one transport, or leave it out for udp")
            List<@Pattern(regexp = PeerRules.TRANSPORT, message = PeerRules.TRANSPORT_MESSAGE) String> transports,
            Boolean avpf,
            Boolean encryption,
            List<@Pattern(regexp = PeerRules.NAT, message = PeerRules.NAT_MESSAGE) String> nat,
            @Pattern(regexp = PeerRules.CONTEXT, message = PeerRules.CONTEXT_MESSAGE) String context,
            List<@Pattern(regexp = PeerRules.CODEC, message = PeerRules.CODEC_MESSAGE) String> codecs,
            @Pattern(regexp = PeerRules.HOST, message = PeerRules.HOST_MESSAGE) String host) {

        PeerDraft draft(String peerName) {
            EnumSet<Transport> set = EnumSet.noneOf(Transport.class);
            (transports == null ? List.of("udp") : transports).forEach(t -> set.add(Transport.parse(t)));
            return new PeerDraft(peerName, number, secret == null ? null : new Credential.Secret(secret), set,
                    Boolean.TRUE.equals(avpf), Boolean.TRUE.equals(encryption),
                    PeerRules.nat(nat == null ? List.of() : nat),
                    context == null ? PeerDraft.DEFAULT_CONTEXT : context,
                    codecs == null ? PeerDraft.DEFAULT_CODECS : codecs,
                    host == null ? PeerDraft.DYNAMIC : host);
        }
    }

    /** One line of an import report: {@code result} is imported, updated or skipped. */
    public record ImportView(String section, String result, String reason) {

        static ImportView of(PeerService.SectionReport r) {
            return new ImportView(r.section(), r.result().name().toLowerCase(Locale.ROOT), r.reason());
        }
    }

    @Inject
    PeerRepository peers;

    @Inject
    PeerService service;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @GET
    public List<PeerView> list() {
        return peers.all().stream().map(PeerView::of).toList();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return peers.findByName(name).map(p -> Response.ok(PeerView.of(p)).build())
                .orElseGet(() -> notFound(name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @ConvertGroup(from = Default.class, to = Create.class) @NotNull PeerRequest request,
            @Context UriInfo uri) {
        PeerService.Saved saved = service.create(request.draft(request.name()));
        if (saved instanceof PeerService.Saved.Ok ok) {
            audited("peer.create", ok.peer().getName(), Optional.empty(), Optional.of(PeerView.of(ok.peer())));
            return Response.created(uri.getAbsolutePathBuilder().path(ok.peer().getName()).build())
                    .entity(PeerView.of(ok.peer())).build();
        }
        return failure(saved, "Peer exists");
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("name") String name, @Valid @NotNull PeerRequest request) {
        if (request.name() != null && !request.name().equals(name)) {
            return Problem.invalid(
                    List.of(new Problem.FieldError("name", "must be the name in the path (peers are not renamed)")));
        }
        Optional<PeerView> before = view(name);
        PeerService.Saved saved = service.update(request.draft(name));
        if (saved instanceof PeerService.Saved.Ok ok) {
            PeerView after = PeerView.of(ok.peer());
            audited("peer.update", name, before, Optional.of(after));
            return Response.ok(after).build();
        }
        return failure(saved, "Extension taken");
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        Optional<PeerView> before = view(name);
        if (!service.delete(name)) {
            return notFound(name);
        }
        audited("peer.delete", name, before, Optional.empty());
        return Response.noContent().build();
    }

    /**
     * Imports the peers an Asterisk config file describes; the answer says, per section, whether
     * it was imported, updated (a peer of that name existed) or skipped, and why.
     *
     * @param format {@code sip} or {@code pjsip}; left out, detected from the sections' types
     */
    @POST
    @Path("import")
    @Consumes(MediaType.TEXT_PLAIN)
    public Response importConfig(String text, @QueryParam("format") String format) {
        Optional<AsteriskFormat> chosen = Optional.ofNullable(format).flatMap(AsteriskFormat::named);
        if (format != null && chosen.isEmpty()) {
            return Problem.invalid(List.of(new Problem.FieldError("format", "sip or pjsip")));
        }
        try {
            Map<String, PeerView> before = peers.all().stream().map(PeerView::of)
                    .collect(Collectors.toMap(PeerView::name, Function.identity()));
            PeerService.ImportReport report = service.importConfig(text == null ? "" : text, chosen);
            report.sections().stream().filter(r -> r.result() != PeerService.Outcome.SKIPPED)
                    .forEach(r -> audited("peer.import", r.section(), Optional.ofNullable(before.get(r.section())),
                            view(r.section())));
            return Response.ok(report.sections().stream().map(ImportView::of).toList())
                    .header("Callway-Import-Format", report.format().name().toLowerCase(Locale.ROOT)).build();
        } catch (AsteriskConfigParser.ConfigTooLarge e) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Config too large", e.getMessage());
        }
    }

    private Optional<PeerView> view(String name) {
        return peers.findByName(name).map(PeerView::of);
    }

    private void audited(String action, String peer, Optional<PeerView> before, Optional<PeerView> after) {
        Caller.audit(audit, request, action, peer, before, after);
    }

    private static Response notFound(String name) {
        return Problem.response(Response.Status.NOT_FOUND, "No such peer", "no peer named " + name);
    }

    private static Response failure(PeerService.Saved saved, String conflictTitle) {
        if (saved instanceof PeerService.Saved.NotFound nf) {
            return notFound(nf.name());
        }
        return Problem.response(Response.Status.CONFLICT, conflictTitle, ((PeerService.Saved.Conflict) saved).reason());
    }
}
