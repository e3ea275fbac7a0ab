package org.prooftrail.api.provenance;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.core.coldchain.Watch;
import org.prooftrail.core.identifiers.EpcForms;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.journey.CustodyReadings;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.JourneyEvents;
import org.prooftrail.store.journey.LocationNames;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.RegisteredCodes;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * Puts a journey together: events, custody windows, the readings that apply, the verdict under
 * the product's rule and the names of the places. Blocking (JDBC); callers run it on a worker.
 *
 * @param bases resolver bases under which events may name codes as Digital Link URIs
 */
public record ProvenanceService(List<String> bases) {
    public static final int LOT_ITEMS_FOLLOWED = 200;

    public Provenance ofItem(Connection c, Product product, Lot lot, Item item, Instant now) throws SQLException {
        Gtin gtin = new Gtin(item.gtin());
        Set<String> itemForms = new LinkedHashSet<>(EpcForms.item(gtin, item.lot(), item.serial(), bases));
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
        Set<String> itemForms = new LinkedHashSet<>();
        for (RegisteredCodes.ItemCode i : RegisteredCodes.itemsOfLot(c, lot.gtin(), lot.lot(), LOT_ITEMS_FOLLOWED)) {
            itemForms.addAll(EpcForms.item(gtin, lot.lot(), i.serial(), bases));
            itemForms.add(i.digitalLink());
        }
        return journey(c, product, lot, null, itemForms, EpcForms.lot(gtin, lot.lot(), bases), now, true);
    }

    private Provenance journey(Connection c, Product product, Lot lot, Item item, Set<String> itemForms,
                               Set<String> lotForms, Instant end, boolean open) throws SQLException {
        List<TimelineEvent> events = JourneyEvents.of(c, itemForms, lotForms);
        List<CustodyWindow> windows = CustodyWindows.windows(events, end, open);
        CustodyReadings.Found custody = CustodyReadings.during(c, windows);
        Verdict verdict = product.rule().judge(watched(custody.windows()), custody.readings());
        Set<String> locations = new LinkedHashSet<>();
        events.forEach(e -> locations.add(e.location()));
        return new Provenance(product, lot, item, events, custody.windows(), custody.readings(), verdict,
                LocationNames.of(c, locations));
    }

    /** The windows as the coverage rule sees them (core knows no store types). */
    static List<Watch> watched(List<CustodyWindow> windows) {
        return windows.stream().map(w -> new Watch(w.location(), w.from(), w.to(), w.devices())).toList();
    }
}
