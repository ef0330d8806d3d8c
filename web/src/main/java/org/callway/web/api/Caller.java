package org.callway.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.callway.audit.Actor;

/** Who is calling the admin API, for the audit log. */
final class Caller {

    private Caller() {
    }

    /**
     * The authenticated caller: under OIDC the principal is the token's {@code sub} (oidc.json's
     * principal-attribute) and the readable name its {@code preferred_username} (OIDC Core
     * §5.1); under BASIC both are the local user. The token was verified by elytron-oidc-client
     * before the request got here (web.xml's constraints cover every audited path), so reading
     * its payload needs no second check.
     */
    static Actor of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        String subject = principal == null ? "anonymous" : principal.getName();
        String username = subject;
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String preferred = claim(authorization.substring(7).trim(), "preferred_username");
            if (preferred != null) {
                username = preferred;
            }
        }
        return new Actor(subject, username, request.getRemoteAddr());
    }

    private static String claim(String jwt, String name) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            JsonObject payload = reader.readObject();
            return payload.containsKey(name) ? payload.getString(name, null) : null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
