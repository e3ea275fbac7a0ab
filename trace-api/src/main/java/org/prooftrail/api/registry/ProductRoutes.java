package org.prooftrail.api.registry;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;

/** Products (GTIN, cold-chain rule, China drug identifier) and their lots. */
final class ProductRoutes {
    private final ProductStore products;
    private final ProductAccess access;
    private final OrganisationLookup orgs;

    ProductRoutes(ProductStore products, ProductAccess access, OrganisationLookup orgs) {
        this.products = products;
        this.access = access;
        this.orgs = orgs;
    }

    void mount(ApiMount m) {
        Vertx vertx = m.vertx();
        m.operation("createProduct").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            String org = BearerAuth.principal(ctx).org();
            JsonObject body;
            try {
                body = checkedProduct(Replies.body(ctx));
            } catch (Refusal e) {
                Replies.fail(ctx, e);
                return;
            }
            Replies.json(vertx, ctx, 201, () -> {
                orgs.require(org, null);
                products.insertProduct(org, body);
                return products.productJson(body.getString("gtin"));
            });
        });
        m.operation("getProduct").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.product(ctx, false,
                        p -> Replies.json(vertx, ctx, 200, () -> products.productJson(p.gtin()))));
        m.operation("createLot").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            JsonObject body = Replies.body(ctx);
            String lot = body.getString("lot");
            Instant producedAt;
            LocalDate expiresOn;
            try {
                checkLot(lot);
                producedAt = parsed(body, "producedAt", Instant::parse, "a timestamp such as 2026-11-25T08:00:00Z");
                expiresOn = parsed(body, "expiresOn", LocalDate::parse, "a date such as 2027-06-30");
            } catch (Refusal e) {
                Replies.fail(ctx, e);
                return;
            }
            access.product(ctx, true, p -> Replies.json(vertx, ctx, 201, () -> {
                products.insertLot(p, lot, producedAt, expiresOn);
                return products.lotJson(p, lot);
            }));
        });
        m.operation("getLot").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.product(ctx, false,
                        p -> Replies.json(vertx, ctx, 200, () -> products.lotJson(p, ctx.pathParam("lot")))));
    }

    static void checkLot(String lot) {
        try {
            new DigitalLink(Gtin.parse("00000000000000"), lot, null);
        } catch (IllegalArgumentException e) {
            throw Refusal.badField("lot", "use up to 20 characters of GS1 set 82 (letters, digits and "
                    + "!\"%&'()*+,-./:;<=>?_)");
        }
    }

    private static <T> T parsed(JsonObject body, String field, java.util.function.Function<String, T> parser, String what) {
        String raw = body.getString(field);
        try {
            return raw == null ? null : parser.apply(raw);
        } catch (DateTimeParseException e) {
            throw Refusal.badField(field, "is not " + what);
        }
    }

    /** The request with its GTIN padded to 14 digits, after the checks the contract cannot express. */
    static JsonObject checkedProduct(JsonObject body) {
        String problem = Gtin.problemOfRaw(body.getString("gtin"));
        if (problem != null) {
            throw Refusal.badField("gtin", problem);
        }
        Double min = body.getDouble("tempMinC");
        Double max = body.getDouble("tempMaxC");
        if (min != null && max != null && min > max) {
            throw Refusal.badField("tempMinC", "is above tempMaxC (" + min + " > " + max + ")");
        }
        Integer single = body.getInteger("maxSingleExcursionMinutes");
        Integer total = body.getInteger("maxTotalExcursionMinutes");
        if (single != null && total != null && single > total) {
            throw Refusal.badField("maxSingleExcursionMinutes", "is above maxTotalExcursionMinutes");
        }
        if (body.getString("cnDrugId") != null && !"drug".equals(body.getString("category", "drug"))) {
            throw Refusal.badField("cnDrugId", "only drugs carry a China drug identifier; category is "
                    + body.getString("category"));
        }
        return body.copy().put("gtin", Gtin.parse(body.getString("gtin")).value());
    }
}
