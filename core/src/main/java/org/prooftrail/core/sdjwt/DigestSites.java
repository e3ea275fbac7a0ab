package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where each digest of a signed SD-JWT payload sits, and which of them some disclosures reveal: what a
 * verifier prints ("event.parentID disclosed, 11 elements of event.epcList withheld") and what a server
 * needs to tell a disclosure its policy publishes from one it does not. Digests inside a disclosed value
 * are found too (recursive disclosures). Run it on a payload that {@link SdPayloadProcessor} accepted
 * with the same disclosures; it checks nothing itself. Pure.
 */
public final class DigestSites {
    /**
     * One digest.
     *
     * @param path      the object or array that holds it, dotted from the payload's top ({@code event},
     *                  {@code event.epcList}, {@code event.quantityList[0]}); {@code ""} for the top
     * @param element   whether it stands for an array element ({@code {"...": digest}}) rather than a member ({@code _sd})
     * @param disclosed the disclosure that reveals it, or null when it is withheld
     */
    public record Site(String digest, String path, boolean element, Disclosure disclosed) {
        /** Where a disclosed field sits: {@code event.parentID}, or {@code event.epcList[]} for an element. */
        public String field() {
            if (element) {
                return path + "[]";
            }
            String name = disclosed == null ? "?" : disclosed.name();
            return path.isEmpty() ? name : path + "." + name;
        }
    }

    private DigestSites() {
    }

    /** Every digest of {@code signedPayload} (and of the disclosed values) in document order. */
    public static List<Site> of(JsonNode signedPayload, List<Disclosure> disclosures) {
        Map<String, Disclosure> byDigest = new java.util.HashMap<>();
        for (Disclosure d : disclosures) {
            byDigest.putIfAbsent(d.digest(), d);
        }
        List<Site> out = new ArrayList<>();
        walk(signedPayload, "", byDigest, out, 0);
        return out;
    }

    private static void walk(JsonNode node, String path, Map<String, Disclosure> byDigest, List<Site> out, int depth) {
        if (depth > SdPayloadProcessor.MAX_DEPTH) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("_sd")) {
                    walk(f.getValue(), join(path, f.getKey()), byDigest, out, depth + 1);
                }
            }
            for (JsonNode digest : node.path("_sd")) {
                Disclosure d = byDigest.get(digest.asText());
                out.add(new Site(digest.asText(), path, false, d));
                if (d != null && d.name() != null) {
                    walk(d.value(), join(path, d.name()), byDigest, out, depth + 1);
                }
            }
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode element : node) {
                if (element.isObject() && element.size() == 1 && element.has("...")) {
                    Disclosure d = byDigest.get(element.get("...").asText());
                    out.add(new Site(element.get("...").asText(), path, true, d));
                    if (d != null) {
                        walk(d.value(), path + "[" + i + "]", byDigest, out, depth + 1);
                    }
                } else {
                    walk(element, path + "[" + i + "]", byDigest, out, depth + 1);
                }
                i++;
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
