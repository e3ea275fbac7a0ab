package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an EPCIS 2.0 event into its SD-JWT form under a {@link EpcisDisclosurePolicy}:
 * <ul>
 *   <li>each element of {@code epcList}, {@code childEPCs}, {@code inputEPCList}, {@code outputEPCList}
 *       is its own array-element disclosure, so a pack's holder can be shown that one code alone;</li>
 *   <li>quantity list entries keep their {@code epcClass} (the product or lot class) in the clear and
 *       conceal {@code quantity} and {@code uom};</li>
 *   <li>ILMD keeps the policy's public members (lot, expiry) and conceals each other member;</li>
 *   <li>sensor elements conceal their {@code sensorMetadata};</li>
 *   <li>every other member that the policy does not make public ({@code parentID},
 *       {@code bizTransactionList}, {@code sourceList}, {@code destinationList}, {@code eventID},
 *       extension members, ...) is concealed whole.</li>
 * </ul>
 * A list the policy names public stays in the clear whole. Thread-safe.
 */
public final class EpcisEventConcealer {
    static final Set<String> CODE_LISTS = Set.of("epcList", "childEPCs", "inputEPCList", "outputEPCList");
    static final Set<String> QUANTITY_LISTS = Set.of("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList");

    /** The concealed event and the disclosures that reveal it all. */
    public record ConcealedEvent(ObjectNode event, List<Disclosure> disclosures) {
        public ConcealedEvent {
            Objects.requireNonNull(event);
            disclosures = List.copyOf(disclosures);
        }
    }

    private final EpcisDisclosurePolicy policy;

    public EpcisEventConcealer(EpcisDisclosurePolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    /** Conceals into {@code builder}; the event itself is not modified. */
    public ObjectNode conceal(JsonNode event, SdPayloadBuilder builder) {
        ObjectNode out = event.deepCopy();
        List<String> names = new ArrayList<>();
        out.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (policy.isPublic(name)) {
                continue;
            }
            JsonNode value = out.get(name);
            if (CODE_LISTS.contains(name) && value.isArray()) {
                builder.concealElements((ArrayNode) value);
            } else if (QUANTITY_LISTS.contains(name) && value.isArray() && policy.publicQuantityClasses()) {
                for (JsonNode entry : value) {
                    if (entry.isObject()) {
                        builder.concealMember((ObjectNode) entry, "quantity");
                        builder.concealMember((ObjectNode) entry, "uom");
                    }
                }
            } else if (name.equals("ilmd") && value.isObject()) {
                concealIlmd((ObjectNode) value, builder);
            } else if (name.equals("sensorElementList") && value.isArray()) {
                for (JsonNode element : value) {
                    if (element.isObject()) {
                        builder.concealMember((ObjectNode) element, "sensorMetadata");
                    }
                }
            } else {
                builder.concealMember(out, name);
            }
        }
        return out;
    }

    public ConcealedEvent conceal(JsonNode event) {
        SdPayloadBuilder builder = new SdPayloadBuilder();
        ObjectNode out = conceal(event, builder);
        return new ConcealedEvent(out, builder.disclosures());
    }

    private void concealIlmd(ObjectNode ilmd, SdPayloadBuilder builder) {
        List<String> names = new ArrayList<>();
        ilmd.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!policy.publicIlmdMembers().contains(name)) {
                builder.concealMember(ilmd, name);
            }
        }
    }
}
