package org.callway.peer.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.callway.config.Transport;
import org.callway.peer.Credential;
import org.callway.peer.PeerDraft;

/**
 * chan_sip's sip.conf (Asterisk's sip.conf.sample and the "Configuring Asterisk for WebRTC
 * Clients" guide): {@code type=friend|peer|user} sections become peers. {@code [general]}
 * supplies what chan_sip takes from it as peer defaults ({@code context}, {@code nat},
 * {@code transport}, {@code allow}/{@code disallow}) and the {@code realm} that
 * {@code md5secret} values were hashed with.
 */
public final class SipConfMapper implements PeerMapper {

    /** chan_sip's realm when [general] sets none (sip.conf.sample: "defaults to asterisk"). */
    static final String ASTERISK_REALM = "asterisk";
    private static final Set<String> PEER_TYPES = Set.of("friend", "peer", "user");
    /** [general] options chan_sip copies into every peer as its default. */
    private static final Set<String> PEER_DEFAULTS = Set.of("context", "nat", "transport", "allow", "disallow");

    @Override
    public List<Mapped> map(AsteriskConfig config, String ourRealm) {
        Optional<ConfigSection> general = config.sections().stream()
                .filter(s -> s.name().equalsIgnoreCase("general")).findFirst();
        List<Setting> defaults = general.map(g -> g.settings().stream()
                .filter(s -> PEER_DEFAULTS.contains(s.key())).toList()).orElse(List.of());
        String fileRealm = general.flatMap(g -> g.value("realm")).orElse(ASTERISK_REALM);
        return Options.mapEach(config.sections(), section -> peer(section, defaults, fileRealm, ourRealm));
    }

    private static Mapped peer(ConfigSection section, List<Setting> defaults, String fileRealm, String ourRealm) {
        String name = section.name();
        if (name.equalsIgnoreCase("general") || name.equalsIgnoreCase("authentication")) {
            throw new Options.Skip("[" + name + "] holds global settings, not a peer");
        }
        String type = section.type();
        if (!PEER_TYPES.contains(type)) {
            throw new Options.Skip(type.isEmpty() ? "no type=: not a peer" : "type=" + type + " is not a peer");
        }
        ConfigSection s = new ConfigSection(name, section.line(), false, section.inherits(),
                Stream.concat(defaults.stream(), section.settings().stream()).toList(), Optional.empty());
        List<String> notes = new ArrayList<>();
        if (type.equals("user")) {
            notes.add("type=user could not register in Asterisk; as a Callway peer it can");
        }
        Credential credential = credential(s, fileRealm, ourRealm, notes);
        Set<Transport> transports = Options.transports(Options.list(s.value("transport").orElse("udp")));
        // chan_sip's default since Asterisk 12 is nat=auto_force_rport (sip.conf.sample, "nat =")
        Set<String> nat = Options.nat(Options.list(s.value("nat").orElse("auto_force_rport")));
        List<String> codecs = Options.codecs(PeerDraft.DEFAULT_CODECS, s.settings(), notes);
        PeerDraft draft = new PeerDraft(name, Options.number(s.value("callerid"), name), credential, transports,
                Options.yes(s, "avpf", false), Options.yes(s, "encryption", false), nat,
                s.value("context").orElse(PeerDraft.DEFAULT_CONTEXT), codecs,
                s.value("host").map(h -> h.toLowerCase(Locale.ROOT)).orElse(PeerDraft.DYNAMIC));
        return Options.checked(name, draft, notes);
    }

    /**
     * {@code secret=} wins over {@code md5secret=} (Callway can then store a SHA-256 HA1 too);
     * an {@code md5secret} is MD5(name:realm:secret) and only works in the realm it was made for.
     */
    private static Credential credential(ConfigSection s, String fileRealm, String ourRealm, List<String> notes) {
        Optional<String> secret = s.value("secret").filter(v -> !v.isEmpty());
        Optional<String> md5 = s.value("md5secret").filter(v -> !v.isEmpty());
        if (secret.isPresent()) {
            if (md5.isPresent()) {
                notes.add("md5secret ignored: secret= is given");
            }
            return new Credential.Secret(secret.get());
        }
        if (md5.isPresent()) {
            if (!fileRealm.equals(ourRealm)) {
                throw new Options.Skip("md5secret was hashed for realm '" + fileRealm + "' but Callway's realm is '"
                        + ourRealm + "': set secret= instead, or CALLWAY_SIP_REALM=" + fileRealm);
            }
            notes.add("md5secret stored as the MD5 HA1: SHA-256 digest (RFC 8760) is not available to this peer");
            return new Credential.Md5Ha1(ourRealm, md5.get());
        }
        throw new Options.Skip("no secret= or md5secret=: Callway authenticates every peer by digest");
    }
}
