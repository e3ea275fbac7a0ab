package org.prooftrail.store.registry;

import java.time.Instant;

/** A registered organisation; {@code gln} (its GS1 location number) may be null. */
public record Organisation(String id, String name, String gln, Instant createdAt) {
}
