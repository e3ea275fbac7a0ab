package org.prooftrail.store.journey;

import java.time.Instant;
import java.time.LocalDate;

/** A lot of a product. */
public record Lot(String gtin, String lot, Instant producedAt, LocalDate expiresOn) {
}
