package org.prooftrail.store.registry;

import java.time.Instant;
import java.time.LocalDate;

/** A lot's new production time and expiry (null: not known) and whether it is retired. */
public record LotEdit(Instant producedAt, LocalDate expiresOn, boolean retired) {
}
