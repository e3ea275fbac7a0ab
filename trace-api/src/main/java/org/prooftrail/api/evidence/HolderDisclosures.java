package org.prooftrail.api.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.core.sdjwt.SdJwtException;
import org.prooftrail.core.sdjwt.SdJwtVerifier;

/**
 * Which disclosures of a journey's SD-JWT events whoever holds one code may see (docs/proofs.md,
 * "What a code's holder sees of SD-JWT events"): those whose value is an identifier the journey
 * follows, by its key ({@link EpcKey}): the code itself and its lot, the containers signed events show
 * holding it (AggregationEvent ADD naming it as a child, two levels deep: case, then pallet), and the
 * inputs of a transformation that made it. Nothing else: not the other children of its case, not
 * quantities, business transactions, sources, destinations, eventIDs or extensions, whose values are
 * never one of those identifiers. The same rules as the page's recheck (consumer.js, {@code reasons}),
 * so every event the page shows keeps what the recheck needs to tie it to the code.
 *
 * <p>The containers are found from every disclosure stored, so what is shown does not depend on what
 * is withheld. Disclosures are not checked here: a stored disclosure that matches no signed digest
 * (an altered row) is shown like any other when it names a followed code, and the browser's check
 * names it. Pure: no I/O.
 */
final class HolderDisclosures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONTAINER_DEPTH = 2;
    private static final List<String> CODE_LISTS = List.of("epcList", "childEPCs", "inputEPCList", "outputEPCList");

    /**
     * One signed event envelope of the journey.
     *
     * @param payload     the signed payload (the issuer-signed JWT's, for an SD-JWT)
     * @param disclosures every disclosure stored with it; empty for a plain JWS
     */
    record Signed(long envelopeId, ObjectNode payload, List<String> disclosures) {
    }

    private HolderDisclosures() {
    }

    /** The signed payload of a compact JWS, or null when it is not a JSON object. */
    static ObjectNode payload(String jws) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(org.prooftrail.core.crypto.Base64Url.decode(parts[1]));
            return node != null && node.isObject() ? (ObjectNode) node : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param ownKeys the keys of the code's own spellings and its lot's (for a lot, of its items too)
     * @return per SD-JWT envelope (those with disclosures), the disclosures to show, in the order stored
     */
    static Map<Long, List<String>> shown(List<Signed> events, Set<String> ownKeys) {
        List<JsonNode> views = new ArrayList<>();
        for (Signed s : events) {
            JsonNode event = fullView(s).get("event");
            if (event != null && event.isObject()) {
                views.add(event);
            }
        }
        Set<String> followed = new HashSet<>(ownKeys);
        followed.addAll(containers(views, ownKeys));
        followed.addAll(inputs(views, ownKeys));
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (Signed s : events) {
            if (s.disclosures().isEmpty()) {
                continue;
            }
            List<String> keep = new ArrayList<>();
            for (String encoded : s.disclosures()) {
                JsonNode value = value(encoded);
                if (value != null && value.isTextual() && followed.contains(EpcKey.of(value.textValue()))) {
                    keep.add(encoded);
                }
            }
            out.put(s.envelopeId(), keep);
        }
        return out;
    }

    /** The containers that held the codes: a packing's parent, then the parent that packed it. */
    private static Set<String> containers(List<JsonNode> events, Set<String> own) {
        Set<String> packed = new HashSet<>();
        Set<String> frontier = own;
        for (int depth = 0; depth < CONTAINER_DEPTH && !frontier.isEmpty(); depth++) {
            Set<String> found = new HashSet<>();
            for (JsonNode e : events) {
                JsonNode parent = e.get("parentID");
                if ("AggregationEvent".equals(e.path("type").asText()) && "ADD".equals(e.path("action").asText())
                        && parent != null && parent.isTextual()
                        && intersects(keys(e, List.of("childEPCs"), List.of("childQuantityList", "quantityList")), frontier)) {
                    found.add(EpcKey.of(parent.textValue()));
                }
            }
            found.removeAll(packed);
            packed.addAll(found);
            frontier = found;
        }
        return packed;
    }

    /** The inputs of the transformations whose outputs include the codes. */
    private static Set<String> inputs(List<JsonNode> events, Set<String> own) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : events) {
            if ("TransformationEvent".equals(e.path("type").asText())
                    && intersects(keys(e, List.of("outputEPCList"), List.of("outputQuantityList")), own)) {
                out.addAll(keys(e, List.of("inputEPCList"), List.of("inputQuantityList")));
            }
        }
        out.removeAll(own);
        return out;
    }

    private static List<String> keys(JsonNode e, List<String> lists, List<String> quantityLists) {
        List<String> out = new ArrayList<>();
        for (String f : lists) {
            e.path(f).forEach(x -> {
                if (x.isTextual()) {
                    out.add(EpcKey.of(x.textValue()));
                }
            });
        }
        for (String f : quantityLists) {
            e.path(f).forEach(q -> {
                if (q.path("epcClass").isTextual()) {
                    out.add(EpcKey.of(q.path("epcClass").textValue()));
                }
            });
        }
        return out;
    }

    private static boolean intersects(List<String> keys, Set<String> set) {
        for (String k : keys) {
            if (set.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The payload with every stored disclosure that a signed digest names put in place (an altered row
     * matches none and is left out here), or the payload as signed when even those do not process.
     */
    private static JsonNode fullView(Signed s) {
        if (s.disclosures().isEmpty()) {
            return s.payload();
        }
        StringBuilder digests = new StringBuilder(s.payload().toString());
        List<Disclosure> parsed = new ArrayList<>();
        for (String encoded : s.disclosures()) {
            try {
                Disclosure d = Disclosure.parse(encoded);
                parsed.add(d);
                digests.append(d.value());
            } catch (SdJwtException e) {
                // not a disclosure: nothing it says is used
            }
        }
        String named = digests.toString();
        List<String> matched = parsed.stream().filter(d -> named.contains('"' + d.digest() + '"')).map(Disclosure::encoded).toList();
        try {
            return SdJwtVerifier.process(s.payload(), matched).payload();
        } catch (SdJwtException e) {
            return s.payload();
        }
    }

    private static JsonNode value(String encoded) {
        try {
            return Disclosure.parse(encoded).value();
        } catch (SdJwtException e) {
            return null;
        }
    }

    /** The keys of a set of spellings. */
    static Set<String> keysOf(Iterable<String> identifiers) {
        Set<String> out = new HashSet<>();
        identifiers.forEach(i -> out.add(EpcKey.of(i)));
        return out;
    }
}
