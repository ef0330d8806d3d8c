package org.callway.sdp;

import java.util.List;
import java.util.Optional;
import org.callway.media.api.Setup;

/**
 * A session description (RFC 8866 §5): o=, s=, the other session-level lines and a= lines in
 * order, then the media sections. {@link #serialize()} writes it back with CRLF line ends, line
 * for line as it was parsed.
 *
 * <p>Attributes that may stand at session or media level (ice-ufrag, ice-pwd, ice-options,
 * fingerprint, setup, direction) are read with the media level first (RFC 8839 §5.4,
 * RFC 8122 §5, RFC 8866 §6.7).
 */
public record SessionDescription(Origin origin, String sessionName, List<Field> fields, List<Attribute> attributes,
        List<MediaDescription> media) implements Attributes {

    public SessionDescription {
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /** The SDP text, CRLF after every line (RFC 8866 §5). */
    public String serialize() {
        StringBuilder sb = new StringBuilder(1024);
        line(sb, "v=0");
        line(sb, "o=" + origin.value());
        line(sb, "s=" + sessionName);
        fields.forEach(f -> line(sb, f.line()));
        attributes.forEach(a -> line(sb, a.line()));
        for (MediaDescription m : media) {
            line(sb, "m=" + m.mLine());
            m.fields().forEach(f -> line(sb, f.line()));
            m.attributes().forEach(a -> line(sb, a.line()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append("\r\n");
    }

    @Override
    public String toString() {
        return serialize();
    }

    /** The session-level c=, if any. */
    public Optional<Connection> connection() {
        return fields.stream().filter(f -> f.type() == 'c').findFirst().map(f -> Connection.parse(f.value()));
    }

    /** Where a media section's RTP goes: its own c= or the session's (RFC 8866 §5.7). */
    public Optional<Connection> connection(MediaDescription m) {
        return m.connection().or(this::connection);
    }

    /** a=group lines (RFC 5888). */
    public List<Group> groups() {
        return values("group").stream().map(Group::parse).toList();
    }

    /** The a=group:BUNDLE line, if any (RFC 9143 §7.1). */
    public Optional<Group> bundle() {
        return groups().stream().filter(g -> g.semantics().equals("BUNDLE")).findFirst();
    }

    /** a=ice-ufrag for this section (RFC 8839 §5.4). */
    public Optional<String> iceUfrag(MediaDescription m) {
        return m.value("ice-ufrag").or(() -> value("ice-ufrag"));
    }

    /** a=ice-pwd for this section (RFC 8839 §5.4). */
    public Optional<String> icePwd(MediaDescription m) {
        return m.value("ice-pwd").or(() -> value("ice-pwd"));
    }

    /** a=ice-options tokens for this section, e.g. {@code trickle} (RFC 8839 §5.6). */
    public List<String> iceOptions(MediaDescription m) {
        return m.value("ice-options").or(() -> value("ice-options"))
                .map(v -> List.of(v.split("[ \t]+"))).orElse(List.of());
    }

    /** a=fingerprint lines for this section; media level replaces session level (RFC 8122 §5). */
    public List<Fingerprint> fingerprints(MediaDescription m) {
        List<String> v = m.values("fingerprint");
        return (v.isEmpty() ? values("fingerprint") : v).stream().map(Fingerprint::parse).toList();
    }

    /** a=setup for this section (RFC 4145 §4). */
    public Optional<Setup> setup(MediaDescription m) {
        return m.value("setup").or(() -> value("setup")).map(Setup::fromSdp);
    }

    /** The section's direction, else the session's, else sendrecv (RFC 8866 §6.7). */
    public Direction direction(MediaDescription m) {
        return m.direction().or(() -> attributes.stream().map(a -> Direction.fromSdp(a.name()))
                .flatMap(Optional::stream).findFirst()).orElse(Direction.SENDRECV);
    }

    /**
     * A copy under another origin. A later offer or answer in the same dialog keeps the session
     * id and bumps the version ({@code withOrigin(previous.origin().next())}): a peer that sees
     * the same version treats the SDP as unchanged and would miss a hold (RFC 3264 §8).
     */
    public SessionDescription withOrigin(Origin newOrigin) {
        return new SessionDescription(newOrigin, sessionName, fields, attributes, media);
    }
}
