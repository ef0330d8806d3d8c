package org.callway.sso;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Optional;
import org.callway.registrar.Registrar;

/**
 * RFC 8898 for the registrar: a phone's access token, verified, names the peer by one of its
 * claims ({@code preferred_username} by default, so Keycloak user alice registers peer alice).
 * Optionally, members of a group (a claim listing groups) get a peer made for them on their
 * first REGISTER, so a company's directory decides who has a softphone.
 */
public final class PhoneTokens implements Registrar.TokenAuthenticator {

    /** Makes the peer a group member's token names, if there is none; the claims say who asked. */
    @FunctionalInterface
    public interface Provisioner {
        void ensurePeer(String name, JsonObject claims);
    }

    private final BearerTokens tokens;
    private final String peerClaim;
    private final Optional<String> peerGroup;
    private final String groupClaim;
    private final Provisioner provisioner;

    public PhoneTokens(BearerTokens tokens, String peerClaim) {
        this(tokens, peerClaim, Optional.empty(), "groups", (name, claims) -> { });
    }

    public PhoneTokens(BearerTokens tokens, String peerClaim, Optional<String> peerGroup, String groupClaim,
            Provisioner provisioner) {
        this.tokens = tokens;
        this.peerClaim = peerClaim;
        this.peerGroup = peerGroup;
        this.groupClaim = groupClaim;
        this.provisioner = provisioner;
    }

    @Override
    public Registrar.TokenOutcome verify(String token) {
        BearerTokens.Check check = tokens.verify(token);
        if (check instanceof BearerTokens.Check.Valid valid) {
            if (!(valid.claims().get(peerClaim) instanceof JsonString name)) {
                return new Registrar.TokenOutcome.Refused("the token has no " + peerClaim + " claim");
            }
            if (peerGroup.isPresent() && inGroup(valid.claims(), peerGroup.get())) {
                provisioner.ensurePeer(name.getString(), valid.claims());
            }
            return new Registrar.TokenOutcome.User(name.getString());
        }
        return new Registrar.TokenOutcome.Refused(((BearerTokens.Check.Invalid) check).description());
    }

    /**
     * Whether the group claim (an array of strings) lists {@code group}; Keycloak's group mapper
     * writes full paths ({@code /callway-phones}) unless told otherwise, so both forms count.
     */
    private boolean inGroup(JsonObject claims, String group) {
        return claims.get(groupClaim) instanceof JsonArray groups && groups.stream().anyMatch(
                g -> g instanceof JsonString s && (s.getString().equals(group) || s.getString().equals("/" + group)));
    }

    @Override
    public String authorizationServer() {
        return tokens.provider().provider();
    }
}
