package org.prooftrail.store.dispensing;

/** What became of a reported sale. */
public sealed interface SaleOutcome {
    /** The first sale of the pack: recorded. */
    record Sold(Pack pack, RecordedSale sale) implements SaleOutcome {
    }

    /** The same seller reporting the same sale again (same place, same stated time): nothing new. */
    record Repeated(Pack pack, RecordedSale sale) implements SaleOutcome {
    }

    /** The pack was sold before: refused, and an alert raised. */
    record AlreadySold(Pack pack, RecordedSale first, long alertId) implements SaleOutcome {
    }

    /** The pack was withdrawn by its maker: refused, and an alert raised. */
    record Retired(Pack pack, long alertId) implements SaleOutcome {
    }

    /** No such pack (or not in the lot the link named). */
    record Unknown(String detail) implements SaleOutcome {
    }

    /** The selling organisation is not registered here. */
    record UnknownSeller(String orgId) implements SaleOutcome {
    }
}
