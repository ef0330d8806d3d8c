package org.callway.peer.asterisk;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.callway.config.Transport;
import org.callway.peer.Credential;
import org.callway.peer.PeerDraft;

/**
 * res_pjsip's pjsip.conf (Asterisk's pjsip.conf.sample, "PJSIP Configuration Sections and
 * Relationships", "Configuring Asterisk for WebRTC Clients"): each {@code type=endpoint}
 * becomes a peer, with its password from the {@code type=auth} section its {@code auth=} names,
 * its reachability from the {@code type=aor} its {@code aors=} names, and its transports from
 * the {@code type=transport} sections' {@code protocol=}. Sections of other types are reported
 * as read for an endpoint, or unused.
 */
public final class PjsipConfMapper implements PeerMapper {

    /** res_pjsip's default_realm when no type=global section sets one. */
    static final String ASTERISK_REALM = "asterisk";

    @Override
    public List<Mapped> map(AsteriskConfig config, String ourRealm) {
        String fileRealm = config.ofType("global").stream().map(g -> g.value("default_realm"))
                .flatMap(Optional::stream).reduce((a, b) -> b).orElse(ASTERISK_REALM);
        return Options.mapEach(config.sections(), section -> switch (section.type()) {
            case "endpoint" -> endpoint(config, section, fileRealm, ourRealm);
            case "auth", "aor", "transport" -> throw new Options.Skip(usedBy(config, section));
            case "" -> throw new Options.Skip("no type=: not a pjsip object");
            default -> throw new Options.Skip("type=" + section.type() + " is not an endpoint");
        });
    }

    /** What a supporting section was read for, so the report accounts for every section. */
    private static String usedBy(AsteriskConfig config, ConfigSection section) {
        String option = switch (section.type()) {
            case "auth" -> "auth";
            case "aor" -> "aors";
            default -> "transport";
        };
        List<String> users = config.ofType("endpoint").stream()
                .filter(e -> e.value(option).map(Options::list).orElse(List.of()).contains(section.name()))
                .map(ConfigSection::name).toList();
        if (section.type().equals("transport") && users.isEmpty()) {
            return "type=transport: its protocol is the transport of endpoints that name no transport=";
        }
        return "type=" + section.type() + (users.isEmpty() ? ": no endpoint names it"
                : ": read as part of endpoint " + String.join(", ", users));
    }

    private static Mapped endpoint(AsteriskConfig config, ConfigSection e, String fileRealm, String ourRealm) {
        String name = e.name();
        List<String> notes = new ArrayList<>();
        Credential credential = credential(config, e, fileRealm, ourRealm);
        String host = host(config, e, notes);
        // webrtc=yes is "a shortcut for use_avpf=yes, media_encryption=dtls, ... " and takes
        // precedence over those options (pjsip.conf.sample, endpoint "webrtc")
        boolean webrtc = Options.yes(e, "webrtc", false);
        boolean avpf = webrtc || Options.yes(e, "use_avpf", false);
        String mediaEncryption = e.value("media_encryption").orElse("no").toLowerCase(Locale.ROOT);
        boolean encryption = webrtc || mediaEncryption.equals("dtls") || mediaEncryption.equals("sdes");
        Set<Transport> transports = transports(config, e, webrtc);
        // force_rport defaults to yes in res_pjsip, rtp_symmetric to no; together they are chan_sip's nat=yes
        Set<String> nat = new LinkedHashSet<>();
        if (Options.yes(e, "force_rport", true)) {
            nat.add("force_rport");
        }
        if (Options.yes(e, "rtp_symmetric", false)) {
            nat.add("comedia");
        }
        List<String> codecs = Options.codecs(PeerDraft.DEFAULT_CODECS, e.settings(), notes);
        PeerDraft draft = new PeerDraft(name, Options.number(e.value("callerid"), name), credential, transports,
                avpf, encryption, nat, e.value("context").orElse(PeerDraft.DEFAULT_CONTEXT), codecs, host);
        return Options.checked(name, draft, notes);
    }

    /**
     * The endpoint's inbound auth: {@code auth_type=userpass} (the default) with username and
     * password, or {@code md5} with {@code md5_cred} for its {@code realm}. Callway's registrar
     * authenticates the peer's own name, so the username must be the endpoint's name.
     */
    private static Credential credential(AsteriskConfig config, ConfigSection e, String fileRealm,
            String ourRealm) {
        String authName = e.value("auth").map(Options::list).filter(l -> !l.isEmpty()).map(l -> l.get(0))
                .orElseThrow(() -> new Options.Skip("no auth=: Callway authenticates every peer by digest"));
        ConfigSection auth = config.find(authName, "auth")
                .orElseThrow(() -> new Options.Skip("auth=" + authName + " names no type=auth section"));
        String username = auth.value("username").orElse(e.name());
        if (!username.equals(e.name())) {
            throw new Options.Skip("auth " + authName + " has username=" + username
                    + ", but Callway peers authenticate with their own name (" + e.name() + ")");
        }
        String authType = auth.value("auth_type").orElse("userpass").toLowerCase(Locale.ROOT);
        switch (authType) {
            case "userpass" -> {
                return auth.value("password").filter(p -> !p.isEmpty()).<Credential>map(Credential.Secret::new)
                        .orElseThrow(() -> new Options.Skip("auth " + authName + " has no password="));
            }
            case "md5" -> {
                String realm = auth.value("realm").orElse(fileRealm);
                if (!realm.equals(ourRealm)) {
                    throw new Options.Skip("md5_cred of auth " + authName + " was hashed for realm '" + realm
                            + "' but Callway's realm is '" + ourRealm + "': use auth_type=userpass with password=");
                }
                String ha1 = auth.value("md5_cred").orElseThrow(
                        () -> new Options.Skip("auth " + authName + " has auth_type=md5 but no md5_cred="));
                return new Credential.Md5Ha1(ourRealm, ha1);
            }
            default -> throw new Options.Skip("auth " + authName + " has auth_type=" + authType
                    + ", Callway takes userpass or md5");
        }
    }

    /**
     * Whether and where the endpoint can be reached. An aor with {@code max_contacts=0} (the
     * default) refuses registrations in Asterisk; one with a static {@code contact=} is a fixed host.
     */
    private static String host(AsteriskConfig config, ConfigSection e, List<String> notes) {
        String aorName = e.value("aors").map(Options::list).filter(l -> !l.isEmpty()).map(l -> l.get(0))
                .orElseThrow(() -> new Options.Skip("no aors=: in Asterisk this endpoint can neither register"
                        + " nor be called"));
        ConfigSection aor = config.find(aorName, "aor")
                .orElseThrow(() -> new Options.Skip("aors=" + aorName + " names no type=aor section"));
        Optional<String> contact = aor.value("contact").filter(c -> !c.isEmpty());
        if (contact.isPresent()) {
            // sip:[user@]host[:port][;params] -> host[:port]
            String uri = contact.get().replaceFirst("(?i)^sips?:", "").replaceFirst("^[^@]*@", "");
            return uri.split(";", 2)[0].toLowerCase(Locale.ROOT);
        }
        int max = aor.value("max_contacts").map(String::trim).filter(v -> v.matches("[0-9]{1,9}"))
                .map(Integer::parseInt).orElse(0);
        if (max == 0) {
            throw new Options.Skip("aor " + aorName + " has max_contacts=0 (the default) and no contact=:"
                    + " Asterisk would refuse its registrations");
        }
        if (max > 1) {
            notes.add("max_contacts=" + max + " of aor " + aorName + " is not enforced by Callway");
        }
        return PeerDraft.DYNAMIC;
    }

    /**
     * The {@code protocol=} of the transport the endpoint names. Without {@code transport=}
     * res_pjsip takes requests on every transport: with webrtc=yes that means ws and wss,
     * otherwise the protocols of the file's transports (udp if it has none).
     */
    private static Set<Transport> transports(AsteriskConfig config, ConfigSection e, boolean webrtc) {
        Optional<String> named = e.value("transport").filter(t -> !t.isEmpty());
        if (named.isPresent()) {
            ConfigSection t = config.find(named.get(), "transport").orElseThrow(
                    () -> new Options.Skip("transport=" + named.get() + " names no type=transport section"));
            return Options.transports(List.of(t.value("protocol").orElse("udp")));
        }
        if (webrtc) {
            return EnumSet.of(Transport.WS, Transport.WSS);
        }
        List<String> protocols = config.ofType("transport").stream()
                .map(t -> t.value("protocol").orElse("udp")).distinct().toList();
        return Options.transports(protocols.isEmpty() ? List.of("udp") : protocols);
    }
}
