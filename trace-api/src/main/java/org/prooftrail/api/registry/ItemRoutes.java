package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;

/** Issues a lot's items, pages through them (JSON or CSV) and changes an item's status. */
final class ItemRoutes {
    /** How many issued items the JSON answer lists; the rest are a page request (or CSV) away. */
    static final int FIRST_ITEMS = 100;
    static final int DEFAULT_PAGE = 1000;

    private final ProductAccess access;
    private final ItemIssuer issuer;
    private final Items items;

    ItemRoutes(ProductAccess access, ItemIssuer issuer, Items items) {
        this.access = access;
        this.issuer = issuer;
        this.items = items;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("issueItems").addHandler(m.auth().require(ApiRole.COMPANY))
                .addHandler(ctx -> access.lot(ctx, true, lot -> issue(m.workers().bulk(), ctx, lot)));
        m.operation("listItems").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> access.lot(ctx, false, lot -> list(workers, ctx, lot)));
        m.operation("updateItemStatus").addHandler(m.auth().require(ApiRole.COMPANY))
                .addHandler(ctx -> access.product(ctx, true, p -> BlockingReplies.json(workers, ctx, 200,
                        () -> setStatus(p.gtin(), ctx.pathParam("serial"), BlockingReplies.body(ctx).getString("status")))));
    }

    private JsonObject setStatus(String gtin, String serial, String status) throws SQLException {
        return ItemJson.of(items.setStatus(gtin, serial, status).orElseThrow(() ->
                Refusal.notFound("no item with serial '" + serial + "' of GTIN " + gtin))).put("gtin", gtin);
    }

    private void issue(WorkerExecutor workers, RoutingContext ctx, Lot lot) {
        JsonObject body = BlockingReplies.body(ctx);
        int count = body.getInteger("count");
        boolean chinaCodes = body.getBoolean("chinaDrugCodes", false);
        if (chinaCodes && lot.product().cnDrugId() == null) {
            BlockingReplies.fail(ctx, new Refusal(422, "chinaDrugCodes", "chinaDrugCodes: product " + lot.gtin()
                    + " has no China drug identifier (cnDrugId); China codes start with it"));
            return;
        }
        BlockingReplies.blocking(workers, () -> issuer.issue(lot, count, chinaCodes ? lot.product().cnDrugId() : null))
                .onSuccess(issued -> {
                    ctx.response().setStatusCode(201).putHeader("location", itemsPath(lot));
                    if (ItemCsv.wanted(ctx.request().getHeader("accept"))) {
                        ctx.response().putHeader("content-type", ItemCsv.CONTENT_TYPE).end(ItemCsv.of(lot, issued));
                        return;
                    }
                    JsonArray first = new JsonArray();
                    issued.stream().limit(FIRST_ITEMS).forEach(i -> first.add(ItemJson.of(i)));
                    ctx.response().putHeader("content-type", "application/json").end(new JsonObject()
                            .put("gtin", lot.gtin()).put("lot", lot.lot()).put("count", issued.size())
                            .put("items", first).put("links", links(lot)).encode());
                }).onFailure(e -> BlockingReplies.fail(ctx, e));
    }

    private void list(WorkerExecutor workers, RoutingContext ctx, Lot lot) {
        String token = ctx.queryParams().get("pageToken");
        String after;
        try {
            after = token == null ? null : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            BlockingReplies.fail(ctx, Refusal.badField("pageToken", "is not a token this server gave out; "
                    + "use nextPageToken of the previous page"));
            return;
        }
        String rawLimit = ctx.queryParams().get("limit");
        int limit = rawLimit == null ? DEFAULT_PAGE : Integer.parseInt(rawLimit);
        BlockingReplies.blocking(workers, () -> items.page(lot, after, limit)).onSuccess(page -> {
            String next = page.size() < limit ? null
                    : Base64.getUrlEncoder().withoutPadding().encodeToString(
                            page.get(page.size() - 1).serial().getBytes(StandardCharsets.UTF_8));
            if (next != null) {
                ctx.response().putHeader("link", "<" + itemsPath(lot) + "?limit=" + limit + "&pageToken=" + next
                        + ">; rel=\"next\"");
            }
            if (ItemCsv.wanted(ctx.request().getHeader("accept"))) {
                ctx.response().putHeader("content-type", ItemCsv.CONTENT_TYPE).end(ItemCsv.of(lot, page));
                return;
            }
            JsonObject out = new JsonObject().put("gtin", lot.gtin()).put("lot", lot.lot())
                    .put("items", new JsonArray(page.stream().map(ItemJson::of).toList()));
            if (next != null) {
                out.put("nextPageToken", next);
            }
            ctx.response().putHeader("content-type", "application/json").end(out.encode());
        }).onFailure(e -> BlockingReplies.fail(ctx, e));
    }

    static String lotPath(Lot lot) {
        return "/v1/products/" + lot.gtin() + "/lots/" + URLEncoder.encode(lot.lot(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String itemsPath(Lot lot) {
        return lotPath(lot) + "/items";
    }

    private static JsonObject links(Lot lot) {
        return new JsonObject().put("items", itemsPath(lot))
                .put("labelsZip", lotPath(lot) + "/labels?format=zip&image=png")
                .put("labelsPdf", lotPath(lot) + "/labels?format=pdf");
    }
}
