package org.prooftrail.store.journey;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A commitment-compliance certificate (承诺达标合格证) that applies to a lot: issued for it, or for
 * a lot it was made from (mixing, repacking), at any depth.
 *
 * @param content the certificate as issued (the signed event's extension member); read-only
 */
public record LotCertificate(String id, String gtin, String lot, JsonNode content) {
    /** Issued for this lot itself rather than for one it was made from. */
    public boolean issuedFor(Lot l) {
        return l != null && gtin.equals(l.gtin()) && lot.equals(l.lot());
    }
}
