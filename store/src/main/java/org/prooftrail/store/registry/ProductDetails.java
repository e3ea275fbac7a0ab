package org.prooftrail.store.registry;

import java.time.Instant;

/**
 * A registered product as the registry shows it; the rule's parts and {@code cnDrugId} may be null
 * ({@code maxReadingGapMinutes} null: the default coverage rule); {@code retiredAt} null while in use.
 */
public record ProductDetails(String gtin, String org, String name, String category, Double tempMinC, Double tempMaxC,
                             Long maxSingleExcursionMinutes, Long maxTotalExcursionMinutes, Long maxReadingGapMinutes,
                             String cnDrugId,
                             Instant createdAt, Instant retiredAt) {
    /** The parts of the cold-chain rule, in a form that compares equal when the rule is the same. */
    public java.util.List<Object> rule() {
        return java.util.Arrays.asList(tempMinC, tempMaxC, maxSingleExcursionMinutes, maxTotalExcursionMinutes,
                maxReadingGapMinutes);
    }
}
