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
    public static final int LOT_ITEMS_FOLLOWED = 200;

    public Provenance ofItem(Connection c, Product product, Lot lot, Item item, Instant now) throws SQLException {
        Gtin gtin = new Gtin(item.gtin());
        Set<String> itemForms = new java.util.LinkedHashSet<>(EpcForms.item(gtin, item.lot(), item.serial(), bases));
        itemForms.add(item.digitalLink());
        boolean dispensed = item.dispensedAt() != null && item.dispensedAt().isBefore(now);
        return journey(c, product, lot, item, itemForms, EpcForms.lot(gtin, lot.lot(), bases),
                dispensed ? item.dispensedAt() : now, !dispensed);
    }

    /**
     * A lot's journey: events naming the lot, and events naming its items (at most
     * {@link #LOT_ITEMS_FOLLOWED} of them: serialised goods are usually commissioned and packed by item,
     * and a lot's items travel together; a lot of 100,000 packs cannot be followed one by one per lookup).
     */
    public Provenance ofLot(Connection c, Product product, Lot lot, Instant now) throws SQLException {
        Gtin gtin = new Gtin(lot.gtin());
        Set<String> itemForms = new java.util.LinkedHashSet<>();
        try (java.sql.PreparedStatement st = c.prepareStatement("SELECT serial, digital_link FROM item WHERE gtin = ? AND lot = ? "
                + "ORDER BY created_at, serial LIMIT " + LOT_ITEMS_FOLLOWED)) {
            st.setString(1, lot.gtin());
            st.setString(2, lot.lot());
            try (java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    itemForms.addAll(EpcForms.item(gtin, lot.lot(), rs.getString(1), bases));
                    itemForms.add(rs.getString(2));
                }
            }
        }
        return journey(c, product, lot, null, itemForms, EpcForms.lot(gtin, lot.lot(), bases), now, true);
    }

    private Provenance journey(Connection c, Product product, Lot lot, Item item, Set<String> itemForms,
                               Set<String> lotForms, Instant end, boolean open) throws SQLException {
        List<TimelineEvent> events = EventFinder.journey(c, itemForms, lotForms);
        List<CustodyWindow> windows = new ArrayList<>();
        List<Series> series = CustodyWindows.readings(c, CustodyWindows.windows(events, end, open), windows);
        Verdict verdict = product.rule().judge(series);
        return new Provenance(product, lot, item, events, windows, series, verdict);
    }
}
