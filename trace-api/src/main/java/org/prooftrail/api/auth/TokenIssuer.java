package org.prooftrail.api.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;

/**
 * Mints HS256 tokens with the shared secret: for operators ({@code prooftrail token}), the admin
 * endpoint, the demo and tests. Installations with an identity provider mint their own.
 */
public final class TokenIssuer {
    private final JWTAuth jwt;
    private final AuthSettings settings;

    public TokenIssuer(Vertx vertx, AuthSettings settings) {
        if (settings.hmacSecret() == null) {
            throw new IllegalStateException("issuing tokens needs the shared secret (" + AuthSettings.SECRET + ")");
        }
        this.settings = settings;
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
                new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(settings.hmacSecret()))));
    }

    /** @param org the organisation a company token is scoped to; null for other roles */
    public String issue(String subject, ApiRole role, String org, Duration ttl) {
        if (role == ApiRole.COMPANY && org == null) {
            throw new IllegalArgumentException("a company token needs an organisation");
        }
        JsonObject claims = new JsonObject().put("role", role.claim());
        if (org != null) {
            claims.put("org", org);
        }
        return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setSubject(subject)
                .setIssuer(settings.issuer()).setAudience(List.of(settings.audience()))
                .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds())));
    }
}
