package org.prooftrail.store.registry;

import java.time.Instant;
import java.time.LocalDate;

/** A registered lot as the registry shows it; {@code producedAt} and {@code expiresOn} may be null; {@code retiredAt} is null while in use. */
public record LotDetails(String gtin, String lot, String org, Instant producedAt, LocalDate expiresOn,
                         Instant createdAt, long itemCount, Instant retiredAt) {
}
