package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;

/**
 * Finds the product (and lot) a request names and checks the caller's scope against the product's
 * organisation before the handler runs: a company reads and writes its own, a regulator or admin
 * reads all. Missing records are 404s, another organisation's a 403.
 */
public final class ProductAccess {
    private final WorkerExecutor workers;
    private final BearerAuth auth;
    private final Products products;
    private final Lots lots;

    public ProductAccess(WorkerExecutor workers, BearerAuth auth, Products products, Lots lots) {
        this.workers = workers;
        this.auth = auth;
        this.products = products;
        this.lots = lots;
    }

    /** The GTIN of the path, padded to 14 digits; null after sending a 400 when it is not a GTIN. */
    public static String gtin(RoutingContext ctx, String raw) {
        String problem = Gtin.problemOfRaw(raw);
        if (problem != null) {
            BlockingReplies.fail(ctx, Refusal.badField("gtin", problem));
            return null;
        }
        return Gtin.parse(raw).value();
    }

    public void product(RoutingContext ctx, boolean write, Consumer<Product> then) {
        String gtin = gtin(ctx, ctx.pathParam("gtin"));
        if (gtin == null) {
            return;
        }
        BlockingReplies.blocking(workers, () -> products.find(gtin).orElseThrow(() -> Refusal.notFound(
                "no product with GTIN " + gtin + "; register it with POST /v1/products"))).onSuccess(p -> {
            if (write ? auth.checkWrite(ctx, p.org()) : auth.checkRead(ctx, p.org())) {
                then.accept(p);
            }
        }).onFailure(e -> BlockingReplies.fail(ctx, e));
    }

    public void lot(RoutingContext ctx, boolean write, Consumer<Lot> then) {
        String lot = ctx.pathParam("lot");
        product(ctx, write, p -> BlockingReplies.blocking(workers, () -> lots.find(p, lot).orElseThrow(() ->
                        Refusal.notFound("no lot '" + lot + "' of GTIN " + p.gtin()
                                + "; register it with POST /v1/products/" + p.gtin() + "/lots")))
                .onSuccess(then::accept).onFailure(e -> BlockingReplies.fail(ctx, e)));
    }
}
