package org.prooftrail.api.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a bearer token's header and claims must look like before Vert.x verifies it. Vert.x's JWT code
 * casts {@code exp}, {@code iat} and {@code nbf} to numbers and {@code aud} to a string or list, so a
 * validly signed token with a string {@code exp} or a numeric {@code aud} made it throw (a 500). It also
 * ignores {@code crit}, which RFC 7515 (4.1.11) says a recipient must refuse when it does not understand
 * the extensions listed; this server understands none.
 */
final class TokenShape {
    private TokenShape() {
    }

    /** Null when the token may be given to the verifier, else why not. */
    static String problem(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return "a JWT has three dot-separated parts";
        }
        JsonObject header = json(parts[0]);
        JsonObject claims = json(parts[1]);
        if (header == null) {
            return "the header is not base64url-encoded JSON object";
        }
        if (claims == null) {
            return "the claims are not a base64url-encoded JSON object";
        }
        if (header.containsKey("crit")) {
            return "the header lists critical extensions (crit), and this server understands none";
        }
        for (String time : new String[] {"exp", "iat", "nbf"}) {
            if (claims.containsKey(time) && !(claims.getValue(time) instanceof Number)) {
                return "claim " + time + " must be a number of seconds since 1970 (RFC 7519 NumericDate)";
            }
        }
        Object aud = claims.getValue("aud");
        if (aud != null && !(aud instanceof String) && !(aud instanceof JsonArray a && a.stream().allMatch(String.class::isInstance))) {
            return "claim aud must be a string or an array of strings";
        }
        for (String text : new String[] {"iss", "sub", "role", "org"}) {
            if (claims.containsKey(text) && !(claims.getValue(text) instanceof String)) {
                return "claim " + text + " must be a string";
            }
        }
        return null;
    }

    private static JsonObject json(String part) {
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return null;
        }
    }
}
