package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SD-JWT event as a partner with a share sees it (docs/custody.md, "Shares"): the public fields plus
 * the disclosures that lie under the event's top-level members the share names. A disclosure lies under
 * member {@code m} when it discloses {@code m} itself (its digest in the event's own {@code _sd}), when
 * its digest sits inside {@code m}'s signed value (an element of {@code epcList}, a quantity of
 * {@code quantityList}, a member of {@code ilmd}), or when it sits inside the value of a disclosure that
 * lies under {@code m}. Pure: no I/O.
 */
public final class MemberDisclosures {
    private MemberDisclosures() {
    }

    /**
     * @param payload     the issuer-signed payload ({@code dev}, {@code seq}, {@code ts}, {@code event})
     * @param disclosures every disclosure stored with the envelope
     * @param members     the top-level event members whose disclosures are shown
     * @return the event with those disclosures in place and every other concealed field left out
     */
    public static ObjectNode event(ObjectNode payload, List<String> disclosures, Set<String> members) throws SdJwtException {
        JsonNode event = payload.get("event");
        if (event == null || !event.isObject()) {
            throw new SdJwtException(SdJwtException.Problem.MALFORMED, "the signed payload holds no event");
        }
        List<Disclosure> parsed = new ArrayList<>();
        for (String d : disclosures) {
            parsed.add(Disclosure.parse(d));
        }
        Map<String, String> memberOf = new HashMap<>();
        JsonNode ownSd = event.get("_sd");
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getKey().equals("_sd")) {
                String signed = m.getValue().toString();
                for (Disclosure d : parsed) {
                    if (signed.contains('"' + d.digest() + '"')) {
                        memberOf.putIfAbsent(d.digest(), m.getKey());
                    }
                }
            }
        }
        if (ownSd != null) {
            ownSd.forEach(digest -> parsed.stream().filter(d -> d.digest().equals(digest.asText()) && d.name() != null)
                    .findFirst().ifPresent(d -> memberOf.putIfAbsent(d.digest(), d.name())));
        }
        // disclosures inside disclosures: each pass places those one level deeper
        for (boolean placed = true; placed; ) {
            placed = false;
            for (Disclosure outer : parsed) {
                String member = memberOf.get(outer.digest());
                if (member == null) {
                    continue;
                }
                String inside = outer.value().toString();
                for (Disclosure inner : parsed) {
                    if (!memberOf.containsKey(inner.digest()) && inside.contains('"' + inner.digest() + '"')) {
                        memberOf.put(inner.digest(), member);
                        placed = true;
                    }
                }
            }
        }
        List<String> shown = new ArrayList<>();
        for (Disclosure d : parsed) {
            String member = memberOf.get(d.digest());
            if (member != null && members.contains(member)) {
                shown.add(d.encoded());
            }
        }
        JsonNode view = SdJwtVerifier.process(payload, shown).payload().get("event");
        return (ObjectNode) view;
    }
}
