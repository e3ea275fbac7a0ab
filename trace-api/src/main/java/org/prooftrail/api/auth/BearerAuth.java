package org.prooftrail.api.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.prooftrail.api.http.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication and role checks for every non-public endpoint: the contract's
 * {@code bearer} scheme authenticates, {@link #require} then decides per operation by role. Every refusal is a 401 or 403 problem body, logged once and counted in
 * {@code pt_api_denied_total}.
 */
public final class BearerAuth {
    private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);
    private static final String PRINCIPAL = "pt.principal";
    /** Clocks of token issuers and this server differ a little; more than this is not accepted. */
    private static final int LEEWAY_SECONDS = 30;

    private final AuthSettings settings;
    private final MeterRegistry metrics;
    private volatile JWTAuth jwt;

    private BearerAuth(AuthSettings settings, MeterRegistry metrics, JWTAuth jwt) {
        this.settings = settings;
        this.metrics = metrics;
        this.jwt = jwt;
    }

    /** Builds the verifier; with a JWKS URL the keys are fetched first and refreshed every 10 minutes. */
    public static Future<BearerAuth> create(Vertx vertx, AuthSettings settings, MeterRegistry metrics) {
        if (!settings.anyKey()) {
            LOG.warn("no token key configured ({}, {}, {} or {}): every protected endpoint answers 401",
                    AuthSettings.SECRET, AuthSettings.SECRET_FILE, AuthSettings.PUBLIC_KEY_FILE, AuthSettings.JWKS_URL);
            return Future.succeededFuture(new BearerAuth(settings, metrics, null));
        }
        if (settings.jwksUrl() == null) {
            return Future.succeededFuture(new BearerAuth(settings, metrics, JWTAuth.create(vertx, options(settings, List.of()))));
        }
        return fetchJwks(vertx, settings.jwksUrl()).map(keys -> {
            BearerAuth auth = new BearerAuth(settings, metrics, JWTAuth.create(vertx, options(settings, keys)));
            vertx.setPeriodic(600_000, id -> fetchJwks(vertx, settings.jwksUrl())
                    .onSuccess(fresh -> auth.jwt = JWTAuth.create(vertx, options(settings, fresh)))
                    .onFailure(e -> LOG.warn("JWKS refresh from {} failed, keeping the old keys: {}",
                            settings.jwksUrl(), e.getMessage())));
            return auth;
        });
    }

    private static JWTAuthOptions options(AuthSettings s, List<JsonObject> jwks) {
        JWTAuthOptions o = new JWTAuthOptions().setJWTOptions(new JWTOptions()
                .setIssuer(s.issuer()).setAudience(List.of(s.audience())).setLeeway(LEEWAY_SECONDS));
        if (s.hmacSecret() != null) {
            o.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(s.hmacSecret())));
        }
        if (s.publicKeyPem() != null) {
            o.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithmOf(s.publicKeyPem())).setBuffer(s.publicKeyPem()));
        }
        jwks.forEach(o::addJwk);
        return o;
    }

    /** RS256 for an RSA key, ES256 for a P-256 key; nothing else is accepted. */
    static String algorithmOf(String pem) {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        for (String[] kind : new String[][] {{"RSA", "RS256"}, {"EC", "ES256"}}) {
            try {
                KeyFactory.getInstance(kind[0]).generatePublic(new X509EncodedKeySpec(der));
                return kind[1];
            } catch (java.security.GeneralSecurityException e) {
                // not this kind; try the next
            }
        }
        throw new org.prooftrail.core.config.ConfigException(AuthSettings.PUBLIC_KEY_FILE,
                "holds neither an RSA nor a P-256 public key");
    }

    private static Future<List<JsonObject>> fetchJwks(Vertx vertx, String url) {
        return vertx.createHttpClient().request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                .compose(req -> req.send())
                .compose(resp -> resp.statusCode() == 200 ? resp.body()
                        : Future.failedFuture("JWKS " + url + " answered " + resp.statusCode()))
                .map(body -> {
                    JsonArray keys = new JsonObject(body).getJsonArray("keys", new JsonArray());
                    List<JsonObject> out = new ArrayList<>();
                    keys.forEach(k -> out.add((JsonObject) k));
                    return out;
                });
    }

    /**
     * The authentication step of every operation whose contract entry names the {@code bearer}
     * scheme: a missing, malformed or unverifiable token is refused here, before validation.
     */
    public JWTAuthHandler contractHandler() {
        return new JWTAuthHandler() {
            @Override
            public void handle(RoutingContext ctx) {
                authenticate(ctx);
            }

            @Override
            public JWTAuthHandler scopeDelimiter(String delimiter) {
                return this;
            }

            @Override
            public JWTAuthHandler withScope(String scope) {
                throw new UnsupportedOperationException("ProofTrail checks roles, not scopes");
            }

            @Override
            public JWTAuthHandler withScopes(List<String> scopes) {
                throw new UnsupportedOperationException("ProofTrail checks roles, not scopes");
            }
        };
    }

    /**
     * Authenticates, then hands the request to {@code then} instead of the next handler: the API reads a
     * request body only after its sender proved who they are. A request already authenticated goes on.
     */
    public void authenticateThen(RoutingContext ctx, Handler<RoutingContext> then) {
        authenticate(ctx, () -> then.handle(ctx));
    }

    private void authenticate(RoutingContext ctx) {
        authenticate(ctx, ctx::next);
    }

    private void authenticate(RoutingContext ctx, Runnable then) {
        if (principal(ctx) != null) {
            then.run();
            return;
        }
        String header = ctx.request().getHeader("authorization");
        if (header == null) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"prooftrail\"");
            deny(ctx, 401, "missing", "this endpoint needs a bearer token");
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            deny(ctx, 401, "malformed", "the Authorization header must be 'Bearer <token>'");
            return;
        }
        if (jwt == null) {
            deny(ctx, 401, "no-key", "this server has no token key configured; ask its operator");
            return;
        }
        String token = header.substring(7).trim();
        String shape = TokenShape.problem(token);
        if (shape != null) {
            deny(ctx, 401, "invalid", "token refused: " + shape);
            return;
        }
        Future<io.vertx.ext.auth.User> user;
        try {
            user = jwt.authenticate(new TokenCredentials(token));
        } catch (RuntimeException e) {
            // the shape check above should leave nothing for Vert.x to trip over; still the caller's token
            deny(ctx, 401, "invalid", "token refused: " + e.getClass().getSimpleName());
            return;
        }
        user.onComplete(ar -> {
            if (ar.failed()) {
                deny(ctx, 401, "invalid", "token refused: " + ar.cause().getMessage());
                return;
            }
            // Vert.x keeps the decoded payload under the user's attributes; the principal holds the raw token.
            JsonObject claims = ar.result().attributes().getJsonObject("accessToken", ar.result().principal());
            String problem = claimProblem(claims);
            if (problem != null) {
                deny(ctx, 401, "claims", problem);
                return;
            }
            ApiRole role = ApiRole.fromClaim(claims.getString("role")).orElseThrow();
            ctx.put(PRINCIPAL, new Principal(claims.getString("sub"), role, claims.getString("org")));
            then.run();
        });
    }

    private static String claimProblem(JsonObject claims) {
        if (!(claims.getValue("exp") instanceof Number)) {
            return "token has no expiry (exp); tokens must expire";
        }
        if (claims.getString("sub") == null) {
            return "token has no subject (sub)";
        }
        Object role = claims.getValue("role");
        if (!(role instanceof String r) || ApiRole.fromClaim(r).isEmpty()) {
            return "token role must be one of " + Arrays.stream(ApiRole.values()).map(ApiRole::claim).toList();
        }
        if (ApiRole.fromClaim(r).get() == ApiRole.COMPANY && !(claims.getValue("org") instanceof String)) {
            return "a company token must name its organisation (org)";
        }
        return null;
    }

    /** Route handler: the caller must have authenticated and hold one of these roles. */
    public Handler<RoutingContext> require(ApiRole... roles) {
        Set<ApiRole> allowed = Set.of(roles);
        return ctx -> {
            Principal p = principal(ctx);
            if (p == null) {
                ctx.response().putHeader("www-authenticate", "Bearer realm=\"prooftrail\"");
                deny(ctx, 401, "missing", "this endpoint needs a bearer token");
            } else if (!allowed.contains(p.role())) {
                deny(ctx, 403, "role", "role " + p.role().claim() + " may not use this endpoint; it needs "
                        + allowed.stream().map(ApiRole::claim).sorted().toList());
            } else {
                ctx.next();
            }
        };
    }

    /** The verified caller, or null when the request carried no token. */
    public static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    /** Sends a 403 and returns false when the caller may not read this organisation's data. */
    public boolean checkRead(RoutingContext ctx, String orgId) {
        Principal p = principal(ctx);
        if (p != null && p.mayRead(orgId)) {
            return true;
        }
        deny(ctx, 403, "scope", "this record belongs to another organisation");
        return false;
    }

    /** Sends a 403 and returns false when the caller may not write for this organisation. */
    public boolean checkWrite(RoutingContext ctx, String orgId) {
        Principal p = principal(ctx);
        if (p != null && p.mayWrite(orgId)) {
            return true;
        }
        deny(ctx, 403, "scope", "only a company token of organisation '" + orgId + "' may change its data");
        return false;
    }

    private void deny(RoutingContext ctx, int status, String reason, String detail) {
        Principal p = principal(ctx);
        LOG.info("denied {} {} {}: {} (caller {})", status, ctx.request().method(), ctx.request().path(), detail,
                p == null ? "anonymous" : p.role().claim() + ":" + p.subject());
        Counter.builder("pt_api_denied_total").tag("status", Integer.toString(status)).tag("reason", reason)
                .register(metrics).increment();
        Problems.send(ctx, status, detail);
    }

    public AuthSettings settings() {
        return settings;
    }
}
