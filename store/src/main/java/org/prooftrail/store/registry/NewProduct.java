package org.prooftrail.store.registry;

/**
 * A product to register: the GTIN padded to 14 digits, the owner, and the cold-chain rule (any part
 * may be null: no band, or no excursion limits).
 *
 * @param category drug, produce or other
 * @param cnDrugId the 7-digit China drug identifier, or null
 * @param maxReadingGapMinutes the longest stretch without a reading that still counts as watched, or null
 *                 for the default coverage rule (3x a device's median reporting interval, at least 15 min)
 */
public record NewProduct(String gtin, String org, String name, String category, Double tempMinC, Double tempMaxC,
                         Integer maxSingleExcursionMinutes, Integer maxTotalExcursionMinutes, String cnDrugId,
                         Integer maxReadingGapMinutes) {
    /** A product with the default coverage rule. */
    public NewProduct(String gtin, String org, String name, String category, Double tempMinC, Double tempMaxC,
                      Integer maxSingleExcursionMinutes, Integer maxTotalExcursionMinutes, String cnDrugId) {
        this(gtin, org, name, category, tempMinC, tempMaxC, maxSingleExcursionMinutes, maxTotalExcursionMinutes, cnDrugId, null);
    }
}
