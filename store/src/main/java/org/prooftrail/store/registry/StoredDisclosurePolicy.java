package org.prooftrail.store.registry;

import java.time.Instant;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;

/**
 * An organisation's disclosure policy as the registry holds it.
 *
 * @param stored false when the organisation stored none and {@code policy} is the default
 * @param updatedAt null for the default
 * @param updatedBy the token subject that stored it; null for the default
 */
public record StoredDisclosurePolicy(String org, EpcisDisclosurePolicy policy, boolean stored, Instant updatedAt,
                                     String updatedBy) {
}
