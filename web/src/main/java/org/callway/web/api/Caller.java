package org.callway.web.api;

import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import org.callway.audit.Actor;
import org.callway.audit.AuditLog;

/** Who is calling the admin API, for the audit log. */
final class Caller {

    private static final Jsonb JSON = JsonbBuilder.create();

    private Caller() {
    }

    /**
     * Records a change that succeeded, by the caller of {@code request}, with the target as the
     * API shows it before and after. Written in a transaction of its own after the change
     * committed: a change is never lost to a failing audit write, and a failed change is never
     * logged.
     */
    static void audit(AuditLog log, HttpServletRequest request, String action, String target, Optional<?> before,
            Optional<?> after) {
        log.record(of(request), action, target, before.map(JSON::toJson).orElse(null),
                after.map(JSON::toJson).orElse(null));
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
