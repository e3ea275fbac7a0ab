package org.prooftrail.api.registry;

import io.vertx.core.json.JsonObject;
import org.prooftrail.store.registry.Item;

/** An item as the registry API shows it: optional members only when set. */
public final class ItemJson {
    private ItemJson() {
    }

    public static JsonObject of(Item i) {
        JsonObject o = new JsonObject().put("serial", i.serial()).put("digitalLink", i.digitalLink());
        if (i.cnCode() != null) {
            o.put("cnCode", i.cnCode());
        }
        o.put("status", i.status());
        return i.dispensedAt() == null ? o : o.put("dispensedAt", i.dispensedAt().toString());
    }
}
