package org.callway.sso;

import jakarta.json.JsonString;
import org.callway.registrar.Registrar;

/**
 * RFC 8898 for the registrar: a phone's access token, verified, names the peer by one of its
 * claims ({@code preferred_username} by default, so Keycloak user alice registers peer alice).
 */
public final class PhoneTokens implements Registrar.TokenAuthenticator {

    private final BearerTokens tokens;
    private final String peerClaim;

    public PhoneTokens(BearerTokens tokens, String peerClaim) {
        this.tokens = tokens;
        this.peerClaim = peerClaim;
    }

    @Override
    public Registrar.TokenOutcome verify(String token) {
        BearerTokens.Check check = tokens.verify(token);
        if (check instanceof BearerTokens.Check.Valid valid) {
            return valid.claims().get(peerClaim) instanceof JsonString name
                    ? new Registrar.TokenOutcome.User(name.getString())
                    : new Registrar.TokenOutcome.Refused("the token has no " + peerClaim + " claim");
        }
        return new Registrar.TokenOutcome.Refused(((BearerTokens.Check.Invalid) check).description());
    }

    @Override
    public String authorizationServer() {
        return tokens.provider().provider();
    }
}
