package org.prooftrail.store.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lot of a product.
 *
 * @param certificates the commitment-compliance certificates that apply to it (its own and those of
 *                     the lots it was made from), oldest first; empty when none or not read
 */
public record Lot(String gtin, String lot, Instant producedAt, LocalDate expiresOn, List<LotCertificate> certificates) {
    public Lot {
        certificates = List.copyOf(certificates);
    }

    public Lot(String gtin, String lot, Instant producedAt, LocalDate expiresOn) {
        this(gtin, lot, producedAt, expiresOn, List.of());
    }
}
