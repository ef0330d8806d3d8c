package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callway.media.api.IceCandidate;

/**
 * An SDP fragment (RFC 8839 §9, "application/sdpfrag"), as a trickle-ice INFO carries it
 * (RFC 8840 §5, "application/trickle-ice-sdpfrag"): the sender's ICE credentials, which name the
 * ICE generation the candidates belong to, and per media section (identified by its m= line and
 * a=mid) the newly gathered candidates and a=end-of-candidates.
 *
 * <pre>
 * a=ice-ufrag:8hhY
 * a=ice-pwd:asd88fgpdd777uzjYhagZg
 * m=audio 9 UDP/TLS/RTP/SAVPF 111
 * a=mid:0
 * a=candidate:1 1 UDP 2130706431 10.0.1.1 5000 typ host
 * a=end-of-candidates
 * </pre>
 *
 * @param iceUfrag        session-level a=ice-ufrag, if any
 * @param icePwd          session-level a=ice-pwd, if any
 * @param endOfCandidates session-level a=end-of-candidates: gathering is over for every section
 * @param media           the media sections, in order
 */
public record SdpFrag(Optional<String> iceUfrag, Optional<String> icePwd, boolean endOfCandidates,
        List<Section> media) {

    /** More lines than any real fragment has (one per candidate, a few per section). */
    public static final int MAX_LINES = 500;
    public static final int MAX_LINE_LENGTH = 1024;

    public SdpFrag {
        media = List.copyOf(media);
    }

    /**
     * One media section of the fragment.
     *
     * @param mid        its a=mid (RFC 5888), which names the section of the dialog's SDP
     * @param line       the 1-based line of its m=, for messages
     */
    public record Section(String mid, Optional<String> iceUfrag, Optional<String> icePwd,
            List<IceCandidate> candidates, boolean endOfCandidates, int line) {

        public Section {
            candidates = List.copyOf(candidates);
        }
    }

    /** The ufrag a section's candidates belong to: its own, else the session's (RFC 8839 §5.4). */
    public Optional<String> ufrag(Section s) {
        return s.iceUfrag().or(this::iceUfrag);
    }

    /** The outcome of {@link #parse}: a closed set, as for {@link SdpResult}. */
    public sealed interface Result {
        record Parsed(SdpFrag frag) implements Result {
        }

        /** @param reason names the fault and its line, for a 400's reason phrase */
        record Failed(String reason, int line) implements Result {
        }
    }

    /**
     * Parses a fragment. Lenient where Callway does not act (other a= lines, i=/c=/b=/k= lines
     * are skipped, LF-only line ends), strict where it does: every candidate sits under an m=
     * with an a=mid and is well-formed, and the sender's ufrag and password are there — without
     * them the ICE generation is unknown (RFC 8840 §5, §4.5). Never throws.
     */
    public static Result parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return new Result.Failed("empty sdpfrag: it needs a=ice-ufrag, a=ice-pwd and an m= section (RFC 8840 §5)", 1);
        }
        if (lines.size() > MAX_LINES) {
            return fail(MAX_LINES + 1, "more than " + MAX_LINES + " lines");
        }
        String ufrag = null;
        String pwd = null;
        boolean end = false;
        List<Section> sections = new ArrayList<>();
        Builder current = null;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            if (line.length() > MAX_LINE_LENGTH) {
                return fail(n, "longer than " + MAX_LINE_LENGTH + " characters");
            }
            if (line.isBlank()) {
                continue; // a stray empty line (some stacks end the body with two CRLFs) names nothing
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                return fail(n, "not a <type>=<value> line");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (current != null) {
                    Result.Failed missing = current.missingMid();
                    if (missing != null) {
                        return missing;
                    }
                    sections.add(current.build());
                }
                if (value.trim().split("[ \t]+").length < 4) {
                    return fail(n, "m= needs <media> <port> <proto> <fmt> (RFC 8866 §5.14)");
                }
                current = new Builder(n);
                continue;
            }
            if (type != 'a') {
                continue; // i=, c=, b=, k=: nothing Callway acts on in a fragment
            }
            Attribute a = Attribute.parse(value);
            switch (a.name()) {
                case "ice-ufrag", "ice-pwd" -> {
                    if (a.value() == null || a.value().isBlank() || a.value().trim().contains(" ")) {
                        return fail(n, "a=" + a.name() + " needs one value (RFC 8839 §5.4)");
                    }
                    String v = a.value().trim();
                    boolean isUfrag = a.name().equals("ice-ufrag");
                    if (current == null) {
                        if (isUfrag) {
                            ufrag = v;
                        } else {
                            pwd = v;
                        }
                    } else if (isUfrag) {
                        current.ufrag = v;
                    } else {
                        current.pwd = v;
                    }
                }
                case "mid" -> {
                    if (current == null) {
                        return fail(n, "a=mid outside an m= section");
                    }
                    if (a.value() == null || a.value().isBlank()) {
                        return fail(n, "a=mid needs a value");
                    }
                    current.mid = a.value().trim();
                }
                case "candidate" -> {
                    if (current == null) {
                        return fail(n, "a=candidate before any m= line: candidates go under the m= and a=mid "
                                + "of their media (RFC 8840 §5)");
                    }
                    try {
                        current.candidates.add(IceCandidate.parse(a.value() == null ? "" : a.value()));
                    } catch (IllegalArgumentException e) {
                        return fail(n, "a=candidate needs <foundation> <component> <transport> <priority> "
                                + "<address> <port> typ <type> (RFC 8839 §5.1)");
                    }
                }
                case "end-of-candidates" -> {
                    if (current == null) {
                        end = true;
                    } else {
                        current.end = true;
                    }
                }
                default -> {
                    // a=ice-options and the like: not needed to take candidates
                }
            }
        }
        if (current != null) {
            Result.Failed missing = current.missingMid();
            if (missing != null) {
                return missing;
            }
            sections.add(current.build());
        }
        if (sections.isEmpty()) {
            return fail(lines.size(), "no m= section: trickled candidates name their media by m= and a=mid (RFC 8840 §5)");
        }
        for (Section s : sections) {
            if (s.iceUfrag().isEmpty() && ufrag == null) {
                return fail(s.line(), "no a=ice-ufrag for mid " + s.mid() + ": the ICE generation is unknown (RFC 8840 §5)");
            }
            if (s.icePwd().isEmpty() && pwd == null) {
                return fail(s.line(), "no a=ice-pwd for mid " + s.mid() + " (RFC 8840 §5)");
            }
        }
        return new Result.Parsed(new SdpFrag(Optional.ofNullable(ufrag), Optional.ofNullable(pwd), end, sections));
    }

    private static Result.Failed fail(int line, String what) {
        return new Result.Failed("sdpfrag line " + line + ": " + what, line);
    }

    private static final class Builder {
        final int line;
        String mid;
        String ufrag;
        String pwd;
        boolean end;
        final List<IceCandidate> candidates = new ArrayList<>();

        Builder(int line) {
            this.line = line;
        }

        Result.Failed missingMid() {
            return mid == null ? fail(line, "m= section without a=mid (RFC 8840 §5)") : null;
        }

        Section build() {
            return new Section(mid, Optional.ofNullable(ufrag), Optional.ofNullable(pwd), candidates, end, line);
        }
    }
}
