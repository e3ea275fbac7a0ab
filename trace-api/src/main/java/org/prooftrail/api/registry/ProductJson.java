package org.prooftrail.api.registry;

import io.vertx.core.json.JsonObject;
import org.prooftrail.store.registry.LotDetails;
import org.prooftrail.store.registry.ProductDetails;
import org.prooftrail.store.registry.ProductSummary;

/** Products and lots as the registry answers them; members that are not set are left out. */
final class ProductJson {
    private ProductJson() {
    }

    static JsonObject product(ProductDetails d) {
        JsonObject o = new JsonObject().put("gtin", d.gtin()).put("org", d.org()).put("name", d.name())
                .put("category", d.category());
        putIfSet(o, "tempMinC", d.tempMinC());
        putIfSet(o, "tempMaxC", d.tempMaxC());
        putIfSet(o, "maxSingleExcursionMinutes", d.maxSingleExcursionMinutes());
        putIfSet(o, "maxTotalExcursionMinutes", d.maxTotalExcursionMinutes());
        putIfSet(o, "maxReadingGapMinutes", d.maxReadingGapMinutes());
        putIfSet(o, "cnDrugId", d.cnDrugId());
        o.put("createdAt", d.createdAt().toString());
        putIfSet(o, "retiredAt", d.retiredAt());
        return o;
    }

    static JsonObject summary(ProductSummary s) {
        JsonObject o = new JsonObject().put("gtin", s.gtin()).put("org", s.org()).put("name", s.name())
                .put("category", s.category());
        putIfSet(o, "cnDrugId", s.cnDrugId());
        o.put("createdAt", s.createdAt().toString());
        putIfSet(o, "retiredAt", s.retiredAt());
        return o.put("lotCount", s.lotCount());
    }

    static JsonObject lot(LotDetails d) {
        JsonObject o = new JsonObject().put("gtin", d.gtin()).put("lot", d.lot()).put("org", d.org());
        putIfSet(o, "producedAt", d.producedAt());
        putIfSet(o, "expiresOn", d.expiresOn());
        o.put("createdAt", d.createdAt().toString()).put("itemCount", d.itemCount());
        putIfSet(o, "retiredAt", d.retiredAt());
        return o;
    }

    private static void putIfSet(JsonObject o, String name, Object value) {
        if (value != null) {
            o.put(name, value instanceof Number || value instanceof String ? value : value.toString());
        }
    }
}
