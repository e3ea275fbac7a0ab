package org.prooftrail.api.epcis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.envelope.EpcisContext;

/**
 * One {@code @context} for an answer that holds events captured under different contexts (docs/api.md,
 * "Extension namespaces in answers"). Each stored event carries the context it was captured under;
 * the answer lifts those into its own {@code @context} so a reader finds {@code example:myField}
 * defined at the top, as in a capture document:
 * <ul>
 * <li>a term every event that defines it defines the same way is defined once, at the top;</li>
 * <li>a term two events define differently (a prefix {@code example} bound to two namespaces) is
 *     left out of the top, and the names and values that use it in each event are written as full
 *     IRIs, so every event keeps its meaning and the answer stays plain JSON to read;</li>
 * <li>an event whose clashing term cannot be written out as an IRI (a definition with a type or
 *     other keywords) keeps its own {@code @context}, which JSON-LD applies to that event alone.</li>
 * </ul>
 */
final class AnswerContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonArray context;
    private final List<JsonObject> events;

    private AnswerContext(JsonArray context, List<JsonObject> events) {
        this.context = context;
        this.events = events;
    }

    /** The answer's {@code @context}: the EPCIS 2.0 context, other remote contexts, then the shared terms. */
    JsonArray context() {
        return context;
    }

    /** The events to answer, in the order given, without their own context, rewritten where a term clashed. */
    List<JsonObject> events() {
        return events;
    }

    /** @param stored the events as stored; they are changed in place (each answer reads its events afresh) */
    static AnswerContext of(List<JsonObject> stored) {
        List<EpcisContext.Parts> parts = new ArrayList<>(stored.size());
        Map<String, Set<JsonNode>> definitions = new LinkedHashMap<>();
        Set<String> urls = new LinkedHashSet<>();
        for (JsonObject event : stored) {
            EpcisContext.Parts p = EpcisContext.parts(jackson(event.getValue("@context")));
            parts.add(p);
            urls.addAll(p.extraUrls());
            p.terms().forEach((term, def) -> definitions.computeIfAbsent(term, t -> new LinkedHashSet<>()).add(def));
        }
        Set<String> clashing = new HashSet<>();
        definitions.forEach((term, defs) -> {
            if (defs.size() > 1) {
                clashing.add(term);
            }
        });
        // A compact term ("rail:axles") means something else when its prefix does.
        definitions.keySet().stream().filter(t -> clashing.contains(prefixOf(t))).forEach(clashing::add);

        JsonArray context = new JsonArray().add(EpcisContext.EPCIS_2_0);
        urls.forEach(context::add);
        JsonObject shared = new JsonObject();
        definitions.forEach((term, defs) -> {
            if (!clashing.contains(term)) {
                shared.put(term, fromJackson(defs.iterator().next()));
            }
        });
        if (!shared.isEmpty()) {
            context.add(shared);
        }
        List<JsonObject> out = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            JsonObject event = stored.get(i);
            Object own = event.remove("@context");
            Map<String, String> expand = expansions(parts.get(i), clashing);
            if (expand == null) {
                JsonObject kept = new JsonObject().put("@context", own);
                out.add(kept.mergeIn(event));
            } else {
                out.add(expand.isEmpty() ? event : (JsonObject) expanded(event, expand));
            }
        }
        return new AnswerContext(context, out);
    }

    /** The event's clashing terms with the IRI each stands for, or null when one cannot be written out. */
    private static Map<String, String> expansions(EpcisContext.Parts parts, Set<String> clashing) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> term : parts.terms().entrySet()) {
            if (!clashing.contains(term.getKey())) {
                continue;
            }
            String iri = iri(term.getValue(), parts.terms());
            if (iri == null) {
                return null;
            }
            out.put(term.getKey(), iri);
        }
        return out;
    }

    /** The IRI of a plain definition ({@code "https://..."} or {@code {"@id": ...}} alone), else null. */
    private static String iri(JsonNode def, Map<String, JsonNode> terms) {
        String id = def.isTextual() ? def.textValue()
                : def.isObject() && def.size() == 1 && def.path("@id").isTextual() ? def.get("@id").textValue() : null;
        if (id == null) {
            return null;
        }
        String prefix = prefixOf(id);
        JsonNode base = prefix == null ? null : terms.get(prefix);
        if (base != null && base.isTextual() && !id.startsWith(prefix + "://")) {
            return base.textValue() + id.substring(prefix.length() + 1);
        }
        return id;
    }

    private static String prefixOf(String name) {
        int colon = name.indexOf(':');
        return colon > 0 ? name.substring(0, colon) : null;
    }

    /** Member names and string values in a clashing term, written as full IRIs. */
    private static Object expanded(Object value, Map<String, String> expand) {
        if (value instanceof JsonObject object) {
            JsonObject out = new JsonObject();
            object.forEach(m -> out.put(expandName(m.getKey(), expand), expanded(m.getValue(), expand)));
            return out;
        }
        if (value instanceof JsonArray array) {
            JsonArray out = new JsonArray();
            array.forEach(v -> out.add(expanded(v, expand)));
            return out;
        }
        if (value instanceof String text) {
            String prefix = prefixOf(text);
            return prefix != null && expand.containsKey(prefix) && !text.startsWith(prefix + "://")
                    ? expand.get(prefix) + text.substring(prefix.length() + 1) : text;
        }
        return value;
    }

    private static String expandName(String name, Map<String, String> expand) {
        if (expand.containsKey(name)) {
            return expand.get(name);
        }
        String prefix = prefixOf(name);
        return prefix != null && expand.containsKey(prefix) ? expand.get(prefix) + name.substring(prefix.length() + 1) : name;
    }

    private static JsonNode jackson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(Json.encode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Vert.x JSON is JSON", e);
        }
    }

    private static Object fromJackson(JsonNode node) {
        Object plain = JSON.convertValue(node, Object.class);
        if (plain instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return new JsonObject(m);
        }
        if (plain instanceof List<?> list) {
            return new JsonArray(new ArrayList<>(list));
        }
        return plain;
    }
}
