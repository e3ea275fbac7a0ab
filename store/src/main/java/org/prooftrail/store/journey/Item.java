package org.prooftrail.store.journey;

import java.time.Instant;

/**
 * One pack: its serial, lot, codes and where it stands (active, dispensed, retired).
 *
 * @param dispensedAt when it left the supply chain: its sale, or the maker's marking it dispensed, whichever came first
 * @param dispensing  its sale to a patient, or null when it was not sold through {@code POST /v1/dispensings}
 */
public record Item(String gtin, String serial, String lot, String digitalLink, String cnCode, String status,
                   Instant dispensedAt, Dispensing dispensing) {

    /** An item as the registry holds it, without a sale. */
    public Item(String gtin, String serial, String lot, String digitalLink, String cnCode, String status, Instant dispensedAt) {
        this(gtin, serial, lot, digitalLink, cnCode, status, dispensedAt, null);
    }

    /**
     * The registry's item with its sale: a sold pack is dispensed (unless its maker withdrew it since), from
     * the earlier of the sale and the maker's own marking.
     */
    public static Item withSale(Item registered, Dispensing sale) {
        if (sale == null) {
            return registered;
        }
        Instant at = registered.dispensedAt() == null || sale.at().isBefore(registered.dispensedAt())
                ? sale.at() : registered.dispensedAt();
        return new Item(registered.gtin(), registered.serial(), registered.lot(), registered.digitalLink(), registered.cnCode(),
                registered.retired() ? registered.status() : "dispensed", at, sale);
    }

    public boolean retired() {
        return "retired".equals(status);
    }
}
