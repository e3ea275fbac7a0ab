package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;
import org.prooftrail.store.registry.Share;
import org.prooftrail.store.registry.Shares;

/**
 * Shares (docs/custody.md, "Shares"): an owner organisation lets a partner read its events about one
 * product or lot, with the disclosures of the members it names (default: all), until it revokes the
 * share or the share expires. Only a company token of the owner shares and revokes; a company lists the
 * shares it gave or was given, a regulator all. Reading follows in the EPCIS queries and the trace.
 */
final class ShareRoutes {
    private final Shares shares;
    private final Organisations orgs;
    private final Products products;
    private final Lots lots;

    ShareRoutes(Shares shares, Organisations orgs, Products products, Lots lots) {
        this.shares = shares;
        this.orgs = orgs;
        this.products = products;
        this.lots = lots;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("createShare").addHandler(m.auth().require(ApiRole.COMPANY))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 201, () -> create(ctx)));
        m.operation("listShares").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 200, () -> list(BearerAuth.principal(ctx))));
        m.operation("revokeShare").addHandler(m.auth().require(ApiRole.COMPANY))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 200, () -> revoke(ctx)));
    }

    private JsonObject create(RoutingContext ctx) throws Exception {
        String owner = BearerAuth.principal(ctx).org();
        JsonObject body = BlockingReplies.body(ctx);
        String grantee = body.getString("grantee");
        String lot = body.getString("lot");
        if (grantee.equals(owner)) {
            throw Refusal.badField("grantee", "an organisation reads its own events without a share");
        }
        String problem = Gtin.problemOfRaw(body.getString("gtin"));
        if (problem != null) {
            throw Refusal.badField("gtin", problem);
        }
        Instant expiresAt = expiry(body.getString("expiresAt"));
        List<String> fields = null;
        JsonArray named = body.getJsonArray("fields");
        if (named != null) {
            fields = new ArrayList<>();
            for (Object f : named) {
                fields.add((String) f);
            }
        }
        OrganisationRoutes.require(orgs, grantee, "grantee");
        String gtin = Gtin.parse(body.getString("gtin")).value();
        Product p = products.find(gtin).orElseThrow(() -> Refusal.notFound("no product with GTIN " + gtin));
        if (!p.org().equals(owner)) {
            throw new Refusal(403, "gtin", "product " + gtin + " belongs to another organisation; only its owner shares its events");
        }
        if (lot != null && lots.find(p, lot).isEmpty()) {
            throw Refusal.notFound("no lot '" + lot + "' of GTIN " + gtin);
        }
        return json(shares.share(owner, grantee, gtin, lot, fields, expiresAt));
    }

    private static Instant expiry(String raw) {
        if (raw == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw Refusal.badField("expiresAt", "not an RFC 3339 date-time like 2027-01-31T00:00:00Z");
        }
        if (!at.isAfter(Instant.now())) {
            throw Refusal.badField("expiresAt", "already past: a share ends in the future (revoke it to end it now)");
        }
        return at;
    }

    private JsonObject list(Principal caller) throws Exception {
        JsonArray out = new JsonArray();
        for (Share s : shares.involving(caller.role() == ApiRole.COMPANY ? caller.org() : null)) {
            out.add(json(s));
        }
        return new JsonObject().put("shares", out);
    }

    private JsonObject revoke(RoutingContext ctx) throws Exception {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Refusal.badField("id", "a share's id is a whole number");
        }
        long wanted = id;
        return json(shares.revoke(BearerAuth.principal(ctx).org(), id).orElseThrow(() ->
                Refusal.notFound("your organisation gave no share " + wanted)));
    }

    static JsonObject json(Share s) {
        return new JsonObject().put("id", s.id()).put("owner", s.owner()).put("grantee", s.grantee())
                .put("gtin", s.gtin()).put("lot", s.lot()).put("fields", s.fields() == null ? null : new JsonArray(s.fields()))
                .put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString())
                .put("grantedAt", s.grantedAt().toString())
                .put("revokedAt", s.revokedAt() == null ? null : s.revokedAt().toString());
    }
}
