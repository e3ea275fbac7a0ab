package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.store.registry.LotDetails;
import org.prooftrail.store.registry.LotEdit;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.ProductDetails;
import org.prooftrail.store.registry.ProductEdit;
import org.prooftrail.store.registry.Products;

/**
 * Edits and retirement of products and lots (the owner's company only). A request names only what
 * changes, so each is merged over the stored values; a rule member sent as null removes that limit.
 * Nothing is ever deleted: a retired product or lot keeps its items, events and proofs.
 */
final class ProductEditRoutes {
    private final Products products;
    private final Lots lots;
    private final ProductAccess access;

    ProductEditRoutes(Products products, Lots lots, ProductAccess access) {
        this.products = products;
        this.lots = lots;
        this.access = access;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("updateProduct").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            JsonObject body = BlockingReplies.body(ctx);
            access.product(ctx, true, p -> BlockingReplies.json(workers, ctx, 200, () -> {
                ProductDetails now = products.details(p.gtin()).orElseThrow(() -> Refusal.notFound("no product with GTIN " + p.gtin()));
                ProductEdit edit = merged(now, body);
                products.update(p.gtin(), edit);
                return ProductJson.product(products.details(p.gtin()).orElseThrow());
            }));
        });
        m.operation("updateLot").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            JsonObject body = BlockingReplies.body(ctx);
            String lot = ctx.pathParam("lot");
            Instant producedAt;
            LocalDate expiresOn;
            try {
                producedAt = ProductRoutes.parsed(body, "producedAt", Instant::parse, "a timestamp such as 2026-11-25T08:00:00Z");
                expiresOn = ProductRoutes.parsed(body, "expiresOn", LocalDate::parse, "a date such as 2027-06-30");
            } catch (Refusal e) {
                BlockingReplies.fail(ctx, e);
                return;
            }
            access.product(ctx, true, p -> BlockingReplies.json(workers, ctx, 200, () -> {
                LotDetails now = lotDetails(p, lot);
                lots.update(p, lot, new LotEdit(body.containsKey("producedAt") ? producedAt : now.producedAt(),
                        body.containsKey("expiresOn") ? expiresOn : now.expiresOn(),
                        body.getBoolean("retired", now.retiredAt() != null)));
                return ProductJson.lot(lotDetails(p, lot));
            }));
        });
    }

    private LotDetails lotDetails(Product p, String lot) throws java.sql.SQLException {
        return lots.details(p, lot).orElseThrow(() -> Refusal.notFound("no lot '" + lot + "' of GTIN " + p.gtin()));
    }

    /** The stored product with the request's members over it, checked as a new product's rule is. */
    static ProductEdit merged(ProductDetails now, JsonObject body) {
        Double min = body.containsKey("tempMinC") ? body.getDouble("tempMinC") : now.tempMinC();
        Double max = body.containsKey("tempMaxC") ? body.getDouble("tempMaxC") : now.tempMaxC();
        Integer single = minutes(body, "maxSingleExcursionMinutes", now.maxSingleExcursionMinutes());
        Integer total = minutes(body, "maxTotalExcursionMinutes", now.maxTotalExcursionMinutes());
        Integer gap = minutes(body, "maxReadingGapMinutes", now.maxReadingGapMinutes());
        ProductRoutes.checkRule(min, max, single, total);
        return new ProductEdit(body.getString("name", now.name()), min, max, single, total, gap,
                body.getBoolean("retired", now.retiredAt() != null));
    }

    private static Integer minutes(JsonObject body, String name, Long now) {
        if (body.containsKey(name)) {
            return body.getInteger(name);
        }
        return now == null ? null : Math.toIntExact(now);
    }
}
