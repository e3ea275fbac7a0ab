package org.prooftrail.api.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The console's session cookie: 256 random bits, HttpOnly (no script reads it), SameSite=Lax (no other
 * site's form posts it) and Secure over HTTPS, scoped to {@code /console}. The database keeps only its
 * SHA-256, so a copy of the table signs nobody in.
 */
final class SessionCookie {
    static final String NAME = "pt_console";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleSettings settings;

    SessionCookie(ConsoleSettings settings) {
        this.settings = settings;
    }

    /** A fresh unguessable value: session ids, CSRF tokens. */
    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] hash(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session cookie's value, or null when the request has none that could be one. */
    static String read(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(NAME);
        if (c == null) {
            return null;
        }
        String v = c.getValue();
        return v.length() == 43 && v.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_') ? v : null;
    }

    void set(RoutingContext ctx, String value, Duration ttl) {
        ctx.response().addCookie(shaped(ctx, Cookie.cookie(NAME, value)).setMaxAge(ttl.toSeconds()));
    }

    void clear(RoutingContext ctx) {
        ctx.response().addCookie(shaped(ctx, Cookie.cookie(NAME, "")).setMaxAge(0));
    }

    /** Cookie attributes every console cookie carries. */
    Cookie shaped(RoutingContext ctx, Cookie c) {
        return c.setPath("/console").setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(secure(ctx));
    }

    private boolean secure(RoutingContext ctx) {
        return "true".equals(settings.secureCookie()) || ctx.request().isSSL()
                || "https".equalsIgnoreCase(ctx.request().getHeader("x-forwarded-proto"));
    }
}
