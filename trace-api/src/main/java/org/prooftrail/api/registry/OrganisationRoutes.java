package org.prooftrail.api.registry;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.Database;

/**
 * The admin's side of the registry: organisations, and tokens minted with the server's shared
 * secret (installations with an identity provider mint theirs there, so this answers 501).
 */
final class OrganisationRoutes {
    static final Duration DEFAULT_TOKEN_TTL = Duration.ofDays(1);

    private final Database db;
    private final AuthSettings auth;

    OrganisationRoutes(Database db, AuthSettings auth) {
        this.db = db;
        this.auth = auth;
    }

    void mount(ApiMount m) {
        Vertx vertx = m.vertx();
        TokenIssuer issuer = auth.hmacSecret() == null ? null : new TokenIssuer(vertx, auth);
        m.operation("createOrganisation").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> Replies.json(vertx, ctx, 201, () -> create(Replies.body(ctx))));
        m.operation("listOrganisations").addHandler(m.auth().require(ApiRole.ADMIN, ApiRole.REGULATOR))
                .addHandler(ctx -> Replies.json(vertx, ctx, 200, this::list));
        m.operation("issueToken").addHandler(m.auth().require(ApiRole.ADMIN))
                .addHandler(ctx -> issueToken(vertx, ctx, issuer));
    }

    private JsonObject create(JsonObject body) throws Exception {
        String id = body.getString("id");
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO organisation (id, name, gln) VALUES (?, ?, ?) "
                     + "ON CONFLICT (id) DO NOTHING RETURNING created_at")) {
            st.setString(1, id);
            st.setString(2, body.getString("name"));
            st.setString(3, body.getString("gln"));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.conflict("id", "organisation '" + id + "' is already registered");
                }
                return body.copy().put("createdAt", rs.getTimestamp(1).toInstant().toString());
            }
        }
    }

    private JsonObject list() throws Exception {
        JsonArray orgs = new JsonArray();
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT id, name, gln, created_at FROM organisation ORDER BY id");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                JsonObject o = new JsonObject().put("id", rs.getString(1)).put("name", rs.getString(2));
                if (rs.getString(3) != null) {
                    o.put("gln", rs.getString(3));
                }
                orgs.add(o.put("createdAt", rs.getTimestamp(4).toInstant().toString()));
            }
        }
        return new JsonObject().put("organisations", orgs);
    }

    private void issueToken(Vertx vertx, RoutingContext ctx, TokenIssuer issuer) {
        if (issuer == null) {
            Problems.send(ctx, 501, "this server verifies tokens from an identity provider and has no shared secret ("
                    + AuthSettings.SECRET + "); issue tokens there");
            return;
        }
        JsonObject body = Replies.body(ctx);
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
        Replies.json(vertx, ctx, 201, () -> {
            if (org != null) {
                new OrganisationLookup(db).require(org, "org");
            }
            String token = issuer.issue(body.getString("subject"), role, org, ttl);
            JsonObject out = new JsonObject().put("token", token).put("subject", body.getString("subject"))
                    .put("role", role.claim()).put("expiresAt", Instant.now().plus(ttl).toString());
            return org == null ? out : out.put("org", org);
        });
    }

}
