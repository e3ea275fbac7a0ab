package org.prooftrail.api.resolver;

import org.prooftrail.api.page.ScanSummary;
import org.prooftrail.api.provenance.Product;
import org.prooftrail.api.provenance.Provenance;

/**
 * What a resolver lookup found.
 *
 * @param status     200, 404 (unknown code) or 410 (retired item)
 * @param detail     for 404 and 410: what was not found or why it is gone
 * @param product    null when the product is unknown
 * @param provenance null for product lookups and unknown codes
 * @param scans      null when nothing was found
 * @param canonical  the code's canonical Digital Link path (for /cn/ lookups the item's own)
 */
public record Lookup(int status, String detail, Product product, Provenance provenance, ScanSummary scans,
                     String canonical) {
    static Lookup missing(String detail) {
        return new Lookup(404, detail, null, null, null, null);
    }
}
