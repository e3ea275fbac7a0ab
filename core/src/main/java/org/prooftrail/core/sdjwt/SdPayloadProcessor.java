package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.sdjwt.SdJwtException.Problem;

/**
 * Puts disclosures in place in a signed payload (RFC 9901 section 7.1, steps 3 to 5). Refuses, as
 * the RFC requires: a digest met twice, a disclosure no digest names, an array-element disclosure
 * under {@code _sd} or a member disclosure in an array, a disclosed name already present, and an
 * {@code _sd_alg} other than {@code sha-256}. Disclosed values are processed too (recursive
 * disclosures). Stateless; the given payload is not modified.
 */
public final class SdPayloadProcessor {
    /**
     * Nesting of the disclosed view, counted across disclosures: each disclosure is bounded when parsed,
     * but a chain of disclosures inside disclosures is not, and would otherwise run this walk out of stack.
     */
    public static final int MAX_DEPTH = 64;

    private SdPayloadProcessor() {
    }

    public static DisclosedView process(ObjectNode signedPayload, List<Disclosure> disclosures) throws SdJwtException {
        JsonNode alg = signedPayload.get("_sd_alg");
        if (alg != null && !(alg.isTextual() && SdDigests.SD_ALG.equals(alg.textValue()))) {
            throw new SdJwtException(Problem.MALFORMED, "_sd_alg must be \"" + SdDigests.SD_ALG + "\", the one hash accepted; was "
                    + alg);
        }
        Map<String, Disclosure> byDigest = new HashMap<>();
        for (Disclosure d : disclosures) {
            if (byDigest.putIfAbsent(d.digest(), d) != null) {
                throw new SdJwtException(Problem.DUPLICATE_DIGEST, "disclosure with digest " + d.digest() + " is sent twice");
            }
        }
        Walk walk = new Walk(byDigest);
        ObjectNode view = (ObjectNode) walk.value(signedPayload, 0);
        view.remove("_sd_alg");
        if (walk.used.size() != byDigest.size()) {
            for (Disclosure d : disclosures) {
                if (!walk.used.contains(d.digest())) {
                    throw new SdJwtException(Problem.UNMATCHED_DISCLOSURE, "disclosure " + describe(d) + " (digest " + d.digest()
                            + ") matches no digest in the signed payload");
                }
            }
        }
        List<Disclosure> disclosed = disclosures.stream().filter(d -> walk.used.contains(d.digest())).toList();
        return new DisclosedView(view, walk.withheld, disclosed);
    }

    private static String describe(Disclosure d) {
        return d.isArrayElement() ? "of an array element" : "of \"" + d.name() + "\"";
    }

    private static final class Walk {
        private final Map<String, Disclosure> byDigest;
        private final Set<String> seen = new HashSet<>();
        private final Set<String> used = new HashSet<>();
        private final List<String> withheld = new ArrayList<>();

        Walk(Map<String, Disclosure> byDigest) {
            this.byDigest = byDigest;
        }

        JsonNode value(JsonNode node, int depth) throws SdJwtException {
            if (!node.isContainerNode()) {
                return node;
            }
            if (depth >= MAX_DEPTH) {
                throw new SdJwtException(Problem.MALFORMED, "the disclosed payload nests deeper than " + MAX_DEPTH + " levels");
            }
            return node.isObject() ? object(node, depth + 1) : array(node, depth + 1);
        }

        private ObjectNode object(JsonNode node, int depth) throws SdJwtException {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("_sd")) {
                    out.set(field.getKey(), value(field.getValue(), depth));
                }
            }
            JsonNode sd = node.get("_sd");
            if (sd == null) {
                return out;
            }
            if (!sd.isArray()) {
                throw new SdJwtException(Problem.MALFORMED, "_sd must be an array of digests");
            }
            for (JsonNode digestNode : sd) {
                String digest = digest(digestNode, "_sd");
                Disclosure d = byDigest.get(digest);
                if (d == null) {
                    withheld.add(digest);
                    continue;
                }
                if (d.isArrayElement()) {
                    throw new SdJwtException(Problem.MALFORMED_DISCLOSURE, "digest " + digest
                            + " in an _sd list names an array-element disclosure, which has no member name");
                }
                if (out.has(d.name())) {
                    throw new SdJwtException(Problem.MALFORMED_DISCLOSURE, "disclosed member \"" + d.name()
                            + "\" is already present in its object");
                }
                used.add(digest);
                out.set(d.name(), value(d.value(), depth));
            }
            return out;
        }

        private ArrayNode array(JsonNode node, int depth) throws SdJwtException {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                if (element.isObject() && element.size() == 1 && element.has("...")) {
                    String digest = digest(element.get("..."), "...");
                    Disclosure d = byDigest.get(digest);
                    if (d == null) {
                        withheld.add(digest);
                        continue;
                    }
                    if (!d.isArrayElement()) {
                        throw new SdJwtException(Problem.MALFORMED_DISCLOSURE, "digest " + digest
                                + " of an array element names the disclosure of member \"" + d.name() + "\"");
                    }
                    used.add(digest);
                    out.add(value(d.value(), depth));
                } else {
                    out.add(value(element, depth));
                }
            }
            return out;
        }

        private String digest(JsonNode node, String where) throws SdJwtException {
            if (!node.isTextual()) {
                throw new SdJwtException(Problem.MALFORMED, "a digest in " + where + " must be a string, not " + node.getNodeType());
            }
            String digest = node.textValue();
            if (!seen.add(digest)) {
                throw new SdJwtException(Problem.DUPLICATE_DIGEST, "digest " + digest + " appears more than once");
            }
            return digest;
        }
    }
}
