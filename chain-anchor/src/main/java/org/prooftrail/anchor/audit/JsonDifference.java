package org.prooftrail.anchor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The first place where two JSON documents differ, as a path ({@code doc.eventTime},
 * {@code doc.epcList[1]}). Numbers compare by value, because jsonb rewrites their spelling
 * ({@code 1.0E10} comes back as {@code 10000000000}); member order does not count, as in jsonb.
 *
 * @param path where they differ
 * @param stored the stored value there (null: missing)
 * @param derived the recomputed value there (null: missing)
 */
record JsonDifference(String path, JsonNode stored, JsonNode derived) {

    /** @return null when the documents are equal */
    static JsonDifference first(String path, JsonNode stored, JsonNode derived) {
        if (stored == null || derived == null) {
            return stored == derived ? null : new JsonDifference(path, stored, derived);
        }
        if (stored.isNumber() && derived.isNumber()) {
            return stored.decimalValue().compareTo(derived.decimalValue()) == 0 ? null : new JsonDifference(path, stored, derived);
        }
        if (stored.getNodeType() != derived.getNodeType()) {
            return new JsonDifference(path, stored, derived);
        }
        if (stored.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = derived.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonDifference d = first(path + "." + e.getKey(), stored.get(e.getKey()), e.getValue());
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> names = stored.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!derived.has(name)) {
                    return new JsonDifference(path + "." + name, stored.get(name), null);
                }
            }
            return null;
        }
        if (stored.isArray()) {
            for (int i = 0; i < Math.max(stored.size(), derived.size()); i++) {
                JsonDifference d = first(path + "[" + i + "]", stored.get(i), derived.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return stored.equals(derived) ? null : new JsonDifference(path, stored, derived);
    }

    /** A side's value for the report: absent, or its JSON. */
    static String show(JsonNode value) {
        return value == null ? Mismatch.ABSENT : value.toString();
    }
}
