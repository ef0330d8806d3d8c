package org.callway.peer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a valid peer looks like, shared by the admin API's Bean Validation (these are
 * compile-time constants for {@code @Pattern}) and the Asterisk import, so both refuse the
 * same values with the same words.
 */
public final class PeerRules {

    public static final String NAME = "[A-Za-z0-9._~-]{1,64}";
    public static final String NAME_MESSAGE = "letters, digits and . _ ~ - only, at most 64";
    public static final String NUMBER = "[0-9*#+]{1,32}";
    public static final String NUMBER_MESSAGE = "digits, * # + only, at most 32";
    public static final String TRANSPORT = "(?i)udp|tcp|tls|ws|wss";
    public static final String TRANSPORT_MESSAGE = "one of udp, tcp, tls, ws, wss";
    public static final String NAT = "(?i)no|yes|force_rport|comedia|auto_force_rport|auto_comedia";
    public static final String NAT_MESSAGE = "one of no, yes, force_rport, comedia, auto_force_rport, auto_comedia";
    public static final String CONTEXT = "[A-Za-z0-9_-]{1,64}";
    public static final String CONTEXT_MESSAGE = "letters, digits, _ and - only";
    public static final String CODEC = "[A-Za-z0-9.-]{1,32}";
    public static final String CODEC_MESSAGE = "a codec name such as opus or ulaw";
    /** {@code dynamic}, a host name, IPv4 or [IPv6], optionally {@code :port}. */
    public static final String HOST =
            "dynamic|[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?";
    public static final String HOST_MESSAGE = "dynamic, or host[:port]";
    public static final int SECRET_MIN = 6;
    public static final int SECRET_MAX = 128;
    public static final String SECRET_MESSAGE = "between 6 and 128 characters";
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private PeerRules() {
    }

    /** The first rule {@code draft} breaks, as "option: what is wrong", if any. */
    public static Optional<String> violation(PeerDraft draft) {
        if (!draft.name().matches(NAME)) {
            return Optional.of("name '" + draft.name() + "': " + NAME_MESSAGE);
        }
        if (draft.number() != null && !draft.number().matches(NUMBER)) {
            return Optional.of("number '" + draft.number() + "': " + NUMBER_MESSAGE);
        }
        if (!draft.context().matches(CONTEXT)) {
            return Optional.of("context '" + draft.context() + "': " + CONTEXT_MESSAGE);
        }
        if (!draft.host().matches(HOST)) {
            return Optional.of("host '" + draft.host() + "': " + HOST_MESSAGE);
        }
        Optional<String> codec = draft.codecs().stream().filter(c -> !c.matches(CODEC)).findFirst();
        if (codec.isPresent()) {
            return Optional.of("allow '" + codec.get() + "': " + CODEC_MESSAGE);
        }
        if (draft.credential() instanceof Credential.Secret s
                && (s.secret().length() < SECRET_MIN || s.secret().length() > SECRET_MAX)) {
            return Optional.of("secret: " + SECRET_MESSAGE);
        }
        if (draft.credential() instanceof Credential.Md5Ha1 m && !MD5_HEX.matcher(m.ha1()).matches()) {
            return Optional.of("md5secret: not 32 hex digits");
        }
        return Optional.empty();
    }

    /**
     * Asterisk's {@code nat=} words as Callway keeps them: {@code yes} is an alias for
     * {@code force_rport,comedia} and {@code no} means neither (sip.conf.sample, "nat =").
     */
    public static java.util.Set<String> nat(Iterable<String> words) {
        java.util.Set<String> nat = new java.util.LinkedHashSet<>();
        for (String word : words) {
            switch (word.trim().toLowerCase(Locale.ROOT)) {
                case "yes" -> {
                    nat.add("force_rport");
                    nat.add("comedia");
                }
                case "no", "" -> {
                }
                default -> nat.add(word.trim().toLowerCase(Locale.ROOT));
            }
        }
        return nat;
    }
}
