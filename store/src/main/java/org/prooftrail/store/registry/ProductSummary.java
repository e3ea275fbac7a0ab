package org.prooftrail.store.registry;

import java.time.Instant;

/** A product as a list of products shows it: what it is, whose, how many lots, and whether retired (null: in use). */
public record ProductSummary(String gtin, String org, String name, String category, String cnDrugId, Instant createdAt,
                             Instant retiredAt, long lotCount) {
}
