package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.registry.Organisation;
import org.prooftrail.store.registry.Organisations;

/**
 * The admin's side of the registry: organisations, and tokens minted with the server's shared
 * secret (installations with an identity provider mint theirs there, so this answers 501).
 */
final class OrganisationRoutes {
    static final Duration DEFAULT_TOKEN_TTL = Duration.ofDays(1);

    private final Organisations orgs;
    private final AuthSettings auth;

    OrganisationRoutes(Organisations orgs, AuthSettings auth) {
        this.orgs = orgs;
        this.auth = auth;
    }

    /** Refuses (422) when the organisation is not registered; {@code field} names where it came from, or null. */
    static void require(Organisations orgs, String org, String field) throws SQLException {
        if (!orgs.exists(org)) {
            throw new Refusal(422, field, "organisation '" + org + "' is not registered; an admin registers it with POST /v1/orgs");
        }
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        TokenIssuer issuer = auth.hmacSecret() == null ? null : new TokenIssuer(m.vertx(), auth);
        m.operation("createOrganisation").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 201, () -> create(BlockingReplies.body(ctx))));
        m.operation("listOrganisations").addHandler(m.auth().require(ApiRole.ADMIN, ApiRole.REGULATOR))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 200, this::list));
        m.operation("issueToken").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> issueToken(workers, ctx, issuer));
    }

    /** A second create of the same id is a conflict (409): see {@link Organisations}. */
    private JsonObject create(JsonObject body) throws SQLException {
        Organisation o = orgs.create(body.getString("id"), body.getString("name"), body.getString("gln"));
        return body.copy().put("createdAt", o.createdAt().toString());
    }

    private JsonObject list() throws SQLException {
        JsonArray out = new JsonArray();
        for (Organisation o : orgs.all()) {
            JsonObject j = new JsonObject().put("id", o.id()).put("name", o.name());
            if (o.gln() != null) {
                j.put("gln", o.gln());
            }
            out.add(j.put("createdAt", o.createdAt().toString()));
        }
        return new JsonObject().put("organisations", out);
    }

    private void issueToken(WorkerExecutor workers, RoutingContext ctx, TokenIssuer issuer) {
        if (issuer == null) {
            Problems.send(ctx, 501, "this server verifies tokens from an identity provider and has no shared secret ("
                    + AuthSettings.SECRET + "); issue tokens there");
            return;
        }
        JsonObject body = BlockingReplies.body(ctx);
        ApiRole role = ApiRole.fromClaim(body.getString("role")).orElseThrow();
        String org = body.getString("org");
        if (role == ApiRole.COMPANY && org == null) {
            Problems.send(ctx, 400, "org: a company token must name its organisation", new JsonObject().put("field", "org"));
            return;
        }
        if (role != ApiRole.COMPANY && org != null) {
            Problems.send(ctx, 400, "org: only company tokens are scoped to an organisation; "
                    + role.claim() + " tokens read across all", new JsonObject().put("field", "org"));
            return;
        }
        Duration ttl = Duration.ofSeconds(body.getLong("ttlSeconds", DEFAULT_TOKEN_TTL.toSeconds()));
        BlockingReplies.json(workers, ctx, 201, () -> {
            if (org != null) {
                require(orgs, org, "org");
            }
            String token = issuer.issue(body.getString("subject"), role, org, ttl);
            JsonObject out = new JsonObject().put("token", token).put("subject", body.getString("subject"))
                    .put("role", role.claim()).put("expiresAt", Instant.now().plus(ttl).toString());
            return org == null ? out : out.put("org", org);
        });
    }

}
