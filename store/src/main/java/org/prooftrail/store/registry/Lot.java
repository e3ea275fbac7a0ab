package org.prooftrail.store.registry;

import java.time.LocalDate;

/** A registered lot of a product, with its expiry (null when the lot has none). */
public record Lot(Product product, String lot, LocalDate expiresOn) {
    public String gtin() {
        return product.gtin();
    }
}
