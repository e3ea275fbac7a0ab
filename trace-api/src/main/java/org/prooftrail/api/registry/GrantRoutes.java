package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;
import org.prooftrail.store.registry.WriteGrant;
import org.prooftrail.store.registry.WriteGrants;

/**
 * Write grants (docs/custody.md): an owner organisation lets another (a contract manufacturer, a carrier)
 * write events and readings that count on its goods, all of them, one product or one lot; it revokes the
 * grant when the work ends. Only a company token of the owner grants and revokes; a company lists the
 * grants it gave or received, a regulator all.
 */
final class GrantRoutes {
    private final WriteGrants grants;
    private final Organisations orgs;
    private final Products products;
    private final Lots lots;

    GrantRoutes(WriteGrants grants, Organisations orgs, Products products, Lots lots) {
        this.grants = grants;
        this.orgs = orgs;
        this.products = products;
        this.lots = lots;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("createWriteGrant").addHandler(m.auth().require(ApiRole.COMPANY))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 201, () -> create(ctx)));
        m.operation("listWriteGrants").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 200, () -> list(BearerAuth.principal(ctx))));
        m.operation("revokeWriteGrant").addHandler(m.auth().require(ApiRole.COMPANY))
                .addHandler(ctx -> BlockingReplies.json(workers, ctx, 200, () -> revoke(ctx)));
    }

    private JsonObject create(RoutingContext ctx) throws Exception {
        String owner = BearerAuth.principal(ctx).org();
        JsonObject body = BlockingReplies.body(ctx);
        String grantee = body.getString("grantee");
        String rawGtin = body.getString("gtin");
        String lot = body.getString("lot");
        if (grantee.equals(owner)) {
            throw Refusal.badField("grantee", "an organisation writes about its own goods without a grant");
        }
        if (lot != null && rawGtin == null) {
            throw Refusal.badField("lot", "a lot is granted with its product: name the gtin too");
        }
        OrganisationRoutes.require(orgs, grantee, "grantee");
        String gtin = null;
        if (rawGtin != null) {
            String problem = org.prooftrail.core.identifiers.Gtin.problemOfRaw(rawGtin);
            if (problem != null) {
                throw Refusal.badField("gtin", problem);
            }
            gtin = org.prooftrail.core.identifiers.Gtin.parse(rawGtin).value();
            String wanted = gtin;
            Product p = products.find(gtin).orElseThrow(() -> Refusal.notFound("no product with GTIN " + wanted));
            if (!p.org().equals(owner)) {
                throw new Refusal(403, "gtin", "product " + gtin + " belongs to another organisation; only its owner grants");
            }
            if (lot != null && lots.find(p, lot).isEmpty()) {
                throw Refusal.notFound("no lot '" + lot + "' of GTIN " + gtin);
            }
        }
        return json(grants.grant(owner, grantee, gtin, lot));
    }

    private JsonObject list(Principal caller) throws Exception {
        JsonArray out = new JsonArray();
        for (WriteGrant g : grants.involving(caller.role() == ApiRole.COMPANY ? caller.org() : null)) {
            out.add(json(g));
        }
        return new JsonObject().put("grants", out);
    }

    private JsonObject revoke(RoutingContext ctx) throws Exception {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Refusal.badField("id", "a grant's id is a whole number");
        }
        long wanted = id;
        return json(grants.revoke(BearerAuth.principal(ctx).org(), id).orElseThrow(() ->
                Refusal.notFound("your organisation gave no grant " + wanted)));
    }

    static JsonObject json(WriteGrant g) {
        return new JsonObject().put("id", g.id()).put("owner", g.owner()).put("grantee", g.grantee())
                .put("gtin", g.gtin()).put("lot", g.lot()).put("grantedAt", g.grantedAt().toString())
                .put("revokedAt", g.revokedAt() == null ? null : g.revokedAt().toString());
    }
}
