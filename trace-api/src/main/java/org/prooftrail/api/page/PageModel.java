package org.prooftrail.api.page;

import java.util.List;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.scans.ScanSummary;

/**
 * What the consumer page shows.
 *
 * @param detail     the problem's detail (an English sentence for machines and logs; the page does not show it)
 * @param product    null for an unknown code (the 404 page)
 * @param provenance null for a product page, a retired item or an unknown code
 * @param warnings   sentences already in the page's language
 * @param proofs     proof bundle paths of the key events, whose server check (the evidence document's
 *                   {@code proofChecks}) the page's fallback requires
 */
public record PageModel(PageText text, int status, String detail, Product product, Provenance provenance,
                        ScanSummary scans, List<String> warnings, List<String> proofs, String nonce) {
}
