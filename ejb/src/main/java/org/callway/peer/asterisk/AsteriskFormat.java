package org.callway.peer.asterisk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The two files Asterisk describes SIP peers in, and how to tell them apart. */
public enum AsteriskFormat {
    /** chan_sip's sip.conf: {@code type=friend|peer|user} sections. */
    SIP(new SipConfMapper()),
    /** res_pjsip's pjsip.conf: {@code type=endpoint} with its {@code auth}, {@code aor} and {@code transport}. */
    PJSIP(new PjsipConfMapper());

    private static final Set<String> SIP_TYPES = Set.of("friend", "peer", "user");
    private static final Set<String> PJSIP_TYPES = Set.of("endpoint", "aor", "auth", "transport", "identify",
            "registration", "global", "system", "domain_alias", "acl", "contact");

    private final PeerMapper mapper;

    AsteriskFormat(PeerMapper mapper) {
        this.mapper = mapper;
    }

    public PeerMapper mapper() {
        return mapper;
    }

    /** {@code sip} or {@code pjsip} (the file names without {@code .conf}), any case. */
    public static Optional<AsteriskFormat> named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sip", "sip.conf" -> Optional.of(SIP);
            case "pjsip", "pjsip.conf" -> Optional.of(PJSIP);
            default -> Optional.empty();
        };
    }

    /** pjsip.conf when more sections have pjsip types than chan_sip types; sip.conf otherwise. */
    public static AsteriskFormat detect(AsteriskConfig config) {
        List<String> types = config.sections().stream().map(ConfigSection::type).toList();
        long sip = types.stream().filter(SIP_TYPES::contains).count();
        long pjsip = types.stream().filter(PJSIP_TYPES::contains).count();
        return pjsip > sip ? PJSIP : SIP;
    }
}
