package org.prooftrail.store.registry;

/**
 * A product to register: the GTIN padded to 14 digits, the owner, and the cold-chain rule (any part
 * may be null: no band, or no excursion limits).
 *
 * @param category drug, produce or other
 * @param cnDrugId the 7-digit China drug identifier, or null
 */
public record NewProduct(String gtin, String org, String name, String category, Double tempMinC, Double tempMaxC,
                         Integer maxSingleExcursionMinutes, Integer maxTotalExcursionMinutes, String cnDrugId) {
}
