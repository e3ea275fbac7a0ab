package org.prooftrail.store.journey;

import java.time.Instant;

/** One pack: its serial, lot, codes and where it stands (active, dispensed, retired). */
public record Item(String gtin, String serial, String lot, String digitalLink, String cnCode, String status,
                   Instant dispensedAt) {
    public boolean retired() {
        return "retired".equals(status);
    }
}
