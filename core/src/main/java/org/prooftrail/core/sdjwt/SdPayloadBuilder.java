package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Conceals members and array elements of a payload being issued, collecting their disclosures
 * (RFC 9901 section 4.2.4). Works in place on the tree it is given. Not thread-safe: one per payload.
 */
public final class SdPayloadBuilder {
    private final List<Disclosure> disclosures = new ArrayList<>();

    /**
     * Replaces member {@code name} of {@code object} by the digest of its disclosure in the object's
     * {@code _sd} list, kept sorted so that its order tells nothing about the original member order.
     * Absent members are left absent.
     */
    public void concealMember(ObjectNode object, String name) {
        JsonNode value = object.remove(name);
        if (value == null) {
            return;
        }
        Disclosure d = Disclosure.ofMember(name, value);
        disclosures.add(d);
        ArrayNode sd = object.has("_sd") ? (ArrayNode) object.get("_sd") : object.putArray("_sd");
        List<String> digests = new ArrayList<>();
        sd.forEach(n -> digests.add(n.textValue()));
        digests.add(d.digest());
        Collections.sort(digests);
        sd.removeAll();
        digests.forEach(sd::add);
    }

    /** Replaces every element of {@code array} by {@code {"...": digest}}, each with its own disclosure. */
    public void concealElements(ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
            Disclosure d = Disclosure.ofElement(array.get(i));
            disclosures.add(d);
            ObjectNode placeholder = array.objectNode().put("...", d.digest());
            array.set(i, placeholder);
        }
    }

    /** The disclosures made so far, in the order they were made. */
    public List<Disclosure> disclosures() {
        return List.copyOf(disclosures);
    }
}
