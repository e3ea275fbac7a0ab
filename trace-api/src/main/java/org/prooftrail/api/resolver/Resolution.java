package org.prooftrail.api.resolver;

import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.scans.ScanSummary;

/**
 * What resolving one code found: the answer the resolver renders as a page, JSON or a linkset.
 *
 * @param status     200, 404 (unknown code) or 410 (retired item)
 * @param detail     for 404 and 410: what was not found or why it is gone
 * @param product    null when the product is unknown
 * @param provenance null for product lookups and unknown codes
 * @param scans      null when nothing was found
 * @param canonical  the code's canonical Digital Link path (for /cn/ lookups the item's own)
 * @param etag       for 200 and 304: the answer's weak ETag ({@link LookupTag})
 */
public record Resolution(int status, String detail, Product product, Provenance provenance, ScanSummary scans,
                         String canonical, String etag) {
    static Resolution missing(String detail) {
        return new Resolution(404, detail, null, null, null, null, null);
    }

    /** The client's copy still holds: nothing was built. */
    static Resolution notModified(String etag) {
        return new Resolution(304, null, null, null, null, null, etag);
    }
}
