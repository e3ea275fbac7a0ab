package org.prooftrail.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON-LD {@code @context} of EPCIS events. A capture document declares its extension namespaces
 * once, at its top ({@code {"example": "https://ns.example.com/epcis/"}}), but each event is stored and
 * signed on its own, so without the document's context an {@code example:myField} of a stored event
 * would name nothing. Each event therefore carries the context it was captured under: the document's,
 * then its own (JSON-LD applies an event's own context after the document's, so its definitions win).
 *
 * <p>The canonical form is an array: the remote contexts (URLs) in order of first appearance, then one
 * object with every term definition, later definitions replacing earlier ones.
 */
public final class EpcisContext {
    /** The EPCIS 2.0 context under the names GS1 publishes it; answers name it as {@link #EPCIS_2_0}. */
    public static final String EPCIS_2_0 = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    public static final Set<String> STANDARD = Set.of(EPCIS_2_0,
            "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
            "https://gs1.github.io/EPCIS/epcis-context.jsonld");

    /** A context split into its remote contexts (URLs) and its term definitions. */
    public record Parts(List<String> urls, Map<String, JsonNode> terms) {
        public Parts {
            urls = List.copyOf(urls);
            terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        }

        /** The URLs other than the standard EPCIS context. */
        public List<String> extraUrls() {
            return urls.stream().filter(u -> !STANDARD.contains(u)).toList();
        }

        /** True when this context says no more than the EPCIS 2.0 context does. */
        public boolean standardOnly() {
            return terms.isEmpty() && extraUrls().isEmpty();
        }

        public ArrayNode toJson() {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            urls.forEach(out::add);
            if (!terms.isEmpty()) {
                ObjectNode defs = out.addObject();
                terms.forEach(defs::set);
            }
            return out;
        }
    }

    private EpcisContext() {
    }

    /**
     * Splits contexts, applied in the order given, into URLs and term definitions. Each may be null
     * (absent), a URL, an object, or an array of URLs and objects (as GS1's schema allows).
     */
    public static Parts parts(JsonNode... contexts) {
        Set<String> urls = new LinkedHashSet<>();
        Map<String, JsonNode> terms = new LinkedHashMap<>();
        for (JsonNode context : contexts) {
            if (context == null || context.isNull()) {
                continue;
            }
            List<JsonNode> items = new ArrayList<>();
            if (context.isArray()) {
                context.forEach(items::add);
            } else {
                items.add(context);
            }
            for (JsonNode item : items) {
                if (item.isTextual()) {
                    urls.add(item.textValue());
                } else if (item.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> term = it.next();
                        terms.remove(term.getKey()); // a redefinition moves to the end, as it was applied last
                        terms.put(term.getKey(), term.getValue());
                    }
                }
            }
        }
        return new Parts(new ArrayList<>(urls), terms);
    }

    /**
     * The event as it is stored: with the document's context and its own combined into its
     * {@code @context}, or unchanged when that says no more than the EPCIS 2.0 context.
     */
    public static EpcisEvent inherit(JsonNode documentContext, EpcisEvent event) {
        JsonNode own = event.json().get("@context");
        Parts parts = parts(documentContext, own);
        if (parts.standardOnly()) {
            return event;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("@context", parts.toJson());
        event.json().fields().forEachRemaining(m -> {
            if (!m.getKey().equals("@context")) {
                json.set(m.getKey(), m.getValue());
            }
        });
        return new EpcisEvent(event.type(), event.eventTime(), event.eventTimeZoneOffset(), json);
    }
}
