package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;

/**
 * Products (GTIN, cold-chain rule, China drug identifier) and their lots. A taken GTIN, China drug
 * identifier or lot is a conflict (409): see {@link Products} and {@link Lots}.
 */
final class ProductRoutes {
    private final Products products;
    private final Lots lots;
    private final ProductAccess access;
    private final Organisations orgs;

    ProductRoutes(Products products, Lots lots, ProductAccess access, Organisations orgs) {
        this.products = products;
        this.lots = lots;
        this.access = access;
        this.orgs = orgs;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("createProduct").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            String org = BearerAuth.principal(ctx).org();
            JsonObject body;
            try {
                body = checkedProduct(BlockingReplies.body(ctx));
            } catch (Refusal e) {
                BlockingReplies.fail(ctx, e);
                return;
            }
            BlockingReplies.json(workers, ctx, 201, () -> {
                OrganisationRoutes.require(orgs, org, null);
                products.create(newProduct(org, body));
                return productJson(body.getString("gtin"));
            });
        });
        m.operation("getProduct").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.product(ctx, false,
                        p -> BlockingReplies.json(workers, ctx, 200, () -> productJson(p.gtin()))));
        m.operation("createLot").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            JsonObject body = BlockingReplies.body(ctx);
            String lot = body.getString("lot");
            Instant producedAt;
            LocalDate expiresOn;
            try {
                checkLot(lot);
                producedAt = parsed(body, "producedAt", Instant::parse, "a timestamp such as 2026-11-25T08:00:00Z");
                expiresOn = parsed(body, "expiresOn", LocalDate::parse, "a date such as 2027-06-30");
            } catch (Refusal e) {
                BlockingReplies.fail(ctx, e);
                return;
            }
            access.product(ctx, true, p -> BlockingReplies.json(workers, ctx, 201, () -> {
                lots.create(p, lot, producedAt, expiresOn);
                return lotJson(p, lot);
            }));
        });
        m.operation("getLot").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.product(ctx, false,
                        p -> BlockingReplies.json(workers, ctx, 200, () -> lotJson(p, ctx.pathParam("lot")))));
    }

    /** @param body the checked request, with the GTIN already padded to 14 digits */
    private static NewProduct newProduct(String org, JsonObject body) {
        return new NewProduct(body.getString("gtin"), org, body.getString("name"), body.getString("category", "drug"),
                body.getDouble("tempMinC"), body.getDouble("tempMaxC"), body.getInteger("maxSingleExcursionMinutes"),
                body.getInteger("maxTotalExcursionMinutes"), body.getString("cnDrugId"), body.getInteger("maxReadingGapMinutes"));
    }

    private JsonObject productJson(String gtin) throws SQLException {
        return ProductJson.product(products.details(gtin).orElseThrow(() -> Refusal.notFound("no product with GTIN " + gtin)));
    }

    private JsonObject lotJson(Product p, String lot) throws SQLException {
        return ProductJson.lot(lots.details(p, lot).orElseThrow(() -> Refusal.notFound("no lot '" + lot + "' of GTIN " + p.gtin())));
    }

    static void checkLot(String lot) {
        try {
            new DigitalLink(Gtin.parse("00000000000000"), lot, null);
        } catch (IllegalArgumentException e) {
            throw Refusal.badField("lot", "use up to 20 characters of GS1 set 82 (letters, digits and "
                    + "!\"%&'()*+,-./:;<=>?_)");
        }
    }

    static <T> T parsed(JsonObject body, String field, java.util.function.Function<String, T> parser, String what) {
        String raw = body.getString(field);
        try {
            return raw == null ? null : parser.apply(raw);
        } catch (DateTimeParseException e) {
            throw Refusal.badField(field, "is not " + what);
        }
    }

    /** The checks of a cold-chain rule the contract cannot express; any part may be null. */
    static void checkRule(Double min, Double max, Integer single, Integer total) {
        if (min != null && max != null && min > max) {
            throw Refusal.badField("tempMinC", "is above tempMaxC (" + min + " > " + max + ")");
        }
        if (single != null && total != null && single > total) {
            throw Refusal.badField("maxSingleExcursionMinutes", "is above maxTotalExcursionMinutes");
        }
    }

    /** The request with its GTIN padded to 14 digits, after the checks the contract cannot express. */
    static JsonObject checkedProduct(JsonObject body) {
        String problem = Gtin.problemOfRaw(body.getString("gtin"));
        if (problem != null) {
            throw Refusal.badField("gtin", problem);
        }
        checkRule(body.getDouble("tempMinC"), body.getDouble("tempMaxC"), body.getInteger("maxSingleExcursionMinutes"),
                body.getInteger("maxTotalExcursionMinutes"));
        if (body.getString("cnDrugId") != null && !"drug".equals(body.getString("category", "drug"))) {
            throw Refusal.badField("cnDrugId", "only drugs carry a China drug identifier; category is "
                    + body.getString("category"));
        }
        return body.copy().put("gtin", Gtin.parse(body.getString("gtin")).value());
    }
}
