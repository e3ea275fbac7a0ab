package org.prooftrail.api.resolver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
     * @param evidence   the path of the evidence document behind the code's page, or null (a product):
     *                   the verification service anyone holding the code may use (the proof bundles of
     *                   its events need a token, docs/proofs.md)
     */
    public static JsonObject of(String anchor, String title, String evidence) {
        JsonObject set = new JsonObject().put("anchor", anchor).put("itemDescription", title);
        JsonObject page = link(anchor + "?linkType=gs1:pip", "text/html", title)
                .put("hreflang", new JsonArray().add("en").add("zh"));
        set.put(VOC + "defaultLink", new JsonArray().add(page.copy()));
        set.put(VOC + "pip", new JsonArray().add(page));
        set.put(VOC + "traceability", new JsonArray().add(link(anchor + "?linkType=gs1:traceability",
                "application/json", title + ": provenance and cold-chain verdict")));
        if (evidence != null) {
            String base = anchor.substring(0, anchor.indexOf('/', anchor.indexOf("//") + 2));
            set.put(VOC + "verificationService", new JsonArray().add(link(base + evidence, "application/json",
                    "evidence: the signed records behind this page and their place in the signed log (docs/proofs.md)")));
        }
        return new JsonObject().put("linkset", new JsonArray().add(set));
    }

    private static JsonObject link(String href, String type, String title) {
        return new JsonObject().put("href", href).put("type", type).put("title", title);
    }
}
