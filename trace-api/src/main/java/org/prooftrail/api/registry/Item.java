package org.prooftrail.api.registry;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One issued item (pack) of a lot.
 *
 * @param cnCode      its China drug traceability code, or null
 * @param dispensedAt when it left the supply chain, or null
 */
public record Item(String serial, String digitalLink, String cnCode, String status, Instant dispensedAt) {

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("serial", serial).put("digitalLink", digitalLink);
        if (cnCode != null) {
            o.put("cnCode", cnCode);
        }
        o.put("status", status);
        return dispensedAt == null ? o : o.put("dispensedAt", dispensedAt.toString());
    }
}
