package org.prooftrail.api.resolver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The RFC 9264 linkset ({@code application/linkset+json}) of a code: the link types this resolver
 * serves, as GS1-conformant resolvers list them for {@code linkType=linkset} (formerly {@code all}).
 * It follows GS1's linkset JSON schema (github.com/gs1/linkset, gs1-linkset-schema.json), which also
 * asks each link context object for an {@code itemDescription}.
 */
public final class Linkset {
    private static final String VOC = "https://gs1.org/voc/";

    private Linkset() {
    }

    /**
     * @param anchor     the code's canonical URI
     * @param title      the product name: the item description and the links' titles
     * @param proofs     proof bundle paths of the code's key events (may be empty)
     */
    public static JsonObject of(String anchor, String title, List<String> proofs) {
        JsonObject set = new JsonObject().put("anchor", anchor).put("itemDescription", title);
        JsonObject page = link(anchor + "?linkType=gs1:pip", "text/html", title)
                .put("hreflang", new JsonArray().add("en").add("zh"));
        set.put(VOC + "defaultLink", new JsonArray().add(page.copy()));
        set.put(VOC + "pip", new JsonArray().add(page));
        set.put(VOC + "traceability", new JsonArray().add(link(anchor + "?linkType=gs1:traceability",
                "application/json", title + ": provenance and cold-chain verdict")));
        if (!proofs.isEmpty()) {
            String base = anchor.substring(0, anchor.indexOf('/', anchor.indexOf("//") + 2));
            JsonArray v = new JsonArray();
            proofs.forEach(p -> v.add(link(base + p, "application/json", "proof bundle (docs/proofs.md)")));
            set.put(VOC + "verificationService", v);
        }
        return new JsonObject().put("linkset", new JsonArray().add(set));
    }

    private static JsonObject link(String href, String type, String title) {
        return new JsonObject().put("href", href).put("type", type).put("title", title);
    }
}
