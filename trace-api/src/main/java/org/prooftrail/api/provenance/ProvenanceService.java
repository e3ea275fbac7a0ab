package org.prooftrail.api.provenance;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.core.identifiers.EpcForms;
import org.prooftrail.core.identifiers.Gtin;

/**
 * Puts a journey together: events, custody windows, the readings that apply and the verdict under
 * the product's rule. Blocking (JDBC); callers run it on a worker.
 *
 * @param bases resolver bases under which events may name codes as Digital Link URIs
 */
public record ProvenanceService(List<String> bases) {

    public Provenance ofItem(Connection c, Product product, Lot lot, Item item, Instant now) throws SQLException {
        Gtin gtin = new Gtin(item.gtin());
        Set<String> itemForms = new java.util.LinkedHashSet<>(EpcForms.item(gtin, item.lot(), item.serial(), bases));
        itemForms.add(item.digitalLink());
        Instant end = item.dispensedAt() != null && item.dispensedAt().isBefore(now) ? item.dispensedAt() : now;
        return journey(c, product, lot, item, itemForms, EpcForms.lot(gtin, lot.lot(), bases), end);
    }

    public Provenance ofLot(Connection c, Product product, Lot lot, Instant now) throws SQLException {
        return journey(c, product, lot, null, Set.of(), EpcForms.lot(new Gtin(lot.gtin()), lot.lot(), bases), now);
    }

    private Provenance journey(Connection c, Product product, Lot lot, Item item, Set<String> itemForms,
                               Set<String> lotForms, Instant end) throws SQLException {
        List<TimelineEvent> events = EventFinder.journey(c, itemForms, lotForms);
        List<CustodyWindow> windows = new ArrayList<>();
        List<Series> series = CustodyWindows.readings(c, CustodyWindows.windows(events, end), windows);
        Verdict verdict = product.rule().judge(series);
        return new Provenance(product, lot, item, events, windows, series, verdict);
    }
}
