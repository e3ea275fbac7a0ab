package org.prooftrail.store.registry;

/**
 * What the registry needs to know about a product to authorise and issue: its owner and the China
 * drug identifier that prefixes its China codes (null when it has none).
 */
public record Product(String gtin, String org, String cnDrugId) {
}
