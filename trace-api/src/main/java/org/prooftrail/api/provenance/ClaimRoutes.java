package org.prooftrail.api.provenance;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.Database;
import org.prooftrail.store.journey.CodeIdentity;

/**
 * {@code GET /v1/products/{gtin}/lots/{lot}/claims}: what other organisations wrote about a lot and its
 * packs without the right to (docs/custody.md), for the owner and regulators. The public journey, page and
 * verdict never show these; here the owner sees who claimed what, to confirm it with a grant or to act.
 */
public final class ClaimRoutes {
    private final Database db;
    private final ProvenanceService provenance;

    public ClaimRoutes(Database db, ProvenanceService provenance) {
        this.db = db;
        this.provenance = provenance;
    }

    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("listUnconfirmedClaims").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> claims(workers, ctx));
    }

    private void claims(WorkerExecutor workers, RoutingContext ctx) {
        String raw = ctx.pathParam("gtin");
        String problem = Gtin.problemOfRaw(raw);
        if (problem != null) {
            Problems.send(ctx, 400, "gtin: " + problem);
            return;
        }
        String gtin = Gtin.parse(raw).value();
        String lot = ctx.pathParam("lot");
        Principal caller = BearerAuth.principal(ctx);
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                c.setReadOnly(true);
                Optional<CodeIdentity.Identity> found = CodeIdentity.lot(c, gtin, lot);
                if (found.isEmpty() || found.get().lot() == null) {
                    return Optional.<Object>of(404);
                }
                CodeIdentity.Identity id = found.get();
                if (!caller.mayRead(id.product().orgId())) {
                    return Optional.<Object>of(403);
                }
                Provenance p = provenance.ofLot(c, id.product(), id.lot(), id.lotItems(), Instant.now());
                return Optional.<Object>of(new JsonObject().put("gtin", gtin).put("lot", lot)
                        .put("owner", id.product().orgId()).put("asOf", p.asOf().toString())
                        .put("unconfirmedClaims", ClaimsJson.of(p.claims())));
            }
        }, false).onSuccess(r -> {
            Object o = r.get();
            if (o instanceof JsonObject body) {
                ctx.response().putHeader("content-type", "application/json").end(body.encode());
            } else if (o.equals(404)) {
                Problems.send(ctx, 404, "no lot '" + lot + "' of GTIN " + gtin + " is registered here");
            } else {
                Problems.send(ctx, 403, "this lot belongs to another organisation; its owner and regulators see its claims");
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }
}
