package org.prooftrail.store.registry;

import java.time.Instant;

/**
 * A registered product as the registry shows it; the rule's parts and {@code cnDrugId} may be null
 * ({@code maxReadingGapMinutes} null: the default coverage rule).
 */
public record ProductDetails(String gtin, String org, String name, String category, Double tempMinC, Double tempMaxC,
                             Long maxSingleExcursionMinutes, Long maxTotalExcursionMinutes, Long maxReadingGapMinutes,
                             String cnDrugId,
                             Instant createdAt) {
}
