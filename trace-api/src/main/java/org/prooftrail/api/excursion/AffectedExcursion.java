package org.prooftrail.api.excursion;

import java.util.List;
import org.prooftrail.core.coldchain.Excursion;

/** One excursion of one device, and the lots that sat with that device while it happened. */
public record AffectedExcursion(Excursion excursion, List<LotRef> lots) {
    /** A lot, its product and its own verdict. */
    public record LotRef(String gtin, String lot, String product, String orgId, String verdict) {
    }
}
