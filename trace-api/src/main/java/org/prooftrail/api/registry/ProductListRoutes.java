package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.store.registry.LotDetails;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.ProductSummary;
import org.prooftrail.store.registry.Products;

/**
 * Lists of products and of a product's lots, a page at a time in key order: a company sees its own
 * organisation's, regulators and admins every one. Retired ones are listed, marked by {@code retiredAt}.
 */
final class ProductListRoutes {
    static final int DEFAULT_PAGE = 200;

    private final Products products;
    private final Lots lots;
    private final ProductAccess access;

    ProductListRoutes(Products products, Lots lots, ProductAccess access) {
        this.products = products;
        this.lots = lots;
        this.access = access;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("listProducts").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> {
                    Principal who = BearerAuth.principal(ctx);
                    String org = who.role() == ApiRole.COMPANY ? who.org() : null;
                    int limit = limit(ctx);
                    BlockingReplies.json(workers, ctx, 200, () -> {
                        List<ProductSummary> page = products.list(org, ctx.queryParams().get("after"), limit);
                        JsonObject out = new JsonObject().put("products",
                                new JsonArray(page.stream().map(ProductJson::summary).toList()));
                        return page.size() < limit ? out : out.put("next", page.get(page.size() - 1).gtin());
                    });
                });
        m.operation("listLots").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.product(ctx, false, p -> {
                    int limit = limit(ctx);
                    BlockingReplies.json(workers, ctx, 200, () -> {
                        List<LotDetails> page = lots.list(p, ctx.queryParams().get("after"), limit);
                        JsonObject out = new JsonObject().put("gtin", p.gtin())
                                .put("lots", new JsonArray(page.stream().map(ProductJson::lot).toList()));
                        return page.size() < limit ? out : out.put("next", page.get(page.size() - 1).lot());
                    });
                }));
    }

    /** The contract has checked the range already. */
    private static int limit(RoutingContext ctx) {
        String raw = ctx.queryParams().get("limit");
        return raw == null ? DEFAULT_PAGE : Integer.parseInt(raw);
    }
}
