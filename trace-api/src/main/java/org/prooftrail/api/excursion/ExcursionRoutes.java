package org.prooftrail.api.excursion;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.provenance.ProvenanceJson;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.Database;

/**
 * {@code GET /v1/excursions} ({@code listExcursions}): cold-chain excursions with duration, peak and
 * affected lots. Regulators see every organisation (or one, with {@code org}); a company sees only
 * its own lots. Like the resolver's, its reads want a pool opened with
 * {@link Database.PlanCache#FORCE_CUSTOM_PLAN}.
 */
public final class ExcursionRoutes implements ApiFeature {
    private final Database db;
    private final ExcursionReport report;

    public ExcursionRoutes(Database db, ProvenanceService provenance) {
        this.db = db;
        this.report = new ExcursionReport(provenance);
    }

    @Override
    public void mount(ApiMount m) {
        m.operation("listExcursions").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR))
                .addHandler(ctx -> list(m, ctx));
    }

    private void list(ApiMount m, RoutingContext ctx) {
        Instant from;
        Instant to;
        String gtin = null;
        try {
            from = time(ctx.request().getParam("from"));
            to = time(ctx.request().getParam("to"));
            String product = ctx.request().getParam("product");
            if (product != null) {
                gtin = Gtin.parse(product).value();
            }
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage());
            return;
        }
        if (from != null && to != null && to.isBefore(from)) {
            Problems.send(ctx, 400, "'to' (" + to + ") is before 'from' (" + from + ")");
            return;
        }
        Principal who = BearerAuth.principal(ctx);
        String org = ctx.request().getParam("org");
        if (who.role() == ApiRole.COMPANY) {
            if (org != null && !m.auth().checkRead(ctx, org)) {
                return;
            }
            org = who.org();
        }
        String orgFilter = org;
        String gtinFilter = gtin;
        WorkerExecutor workers = m.workers().queries();
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                return report.run(c, from, to, gtinFilter, orgFilter);
            }
        }, false).onSuccess(r -> {
            JsonArray list = new JsonArray();
            for (AffectedExcursion a : r.excursions()) {
                JsonArray lots = new JsonArray();
                a.lots().forEach(l -> lots.add(new JsonObject().put("gtin", l.gtin()).put("lot", l.lot())
                        .put("product", l.product()).put("org", l.orgId()).put("verdict", l.verdict())));
                list.add(ProvenanceJson.excursion(a.excursion()).put("lots", lots));
            }
            ctx.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                    .end(new JsonObject().put("from", from == null ? null : from.toString()).put("to", to == null ? null : to.toString())
                            .put("org", orgFilter).put("product", gtinFilter).put("lotsExamined", r.lotsExamined())
                            .put("truncated", r.truncated()).put("excursions", list).encode());
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    private static Instant time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a date-time with offset, like 2026-03-01T00:00:00Z");
        }
    }
}
