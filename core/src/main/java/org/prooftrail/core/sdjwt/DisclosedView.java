package org.prooftrail.core.sdjwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a signed SD-JWT payload says given some of its disclosures (RFC 9901 section 7.1).
 *
 * @param payload the payload with every given disclosure put in place and every {@code _sd},
 *     {@code _sd_alg} and undisclosed {@code ...} element removed
 * @param withheld the digests no given disclosure matched: provably withheld fields (or decoys);
 *     a verifier knows something is there without learning what
 * @param disclosed the disclosures that were put in place, in the order they were given
 */
public record DisclosedView(ObjectNode payload, List<String> withheld, List<Disclosure> disclosed) {
    public DisclosedView {
        Objects.requireNonNull(payload);
        withheld = List.copyOf(withheld);
        disclosed = List.copyOf(disclosed);
    }
}
