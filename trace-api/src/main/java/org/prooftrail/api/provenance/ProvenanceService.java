package org.prooftrail.api.provenance;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.core.coldchain.Verdict;
import org.prooftrail.core.coldchain.Watch;
import org.prooftrail.core.custody.WriteRights;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.EpcForms;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.journey.CodeIdentity;
import org.prooftrail.store.journey.CustodyReadings;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.JourneyEvents;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.Product;
import org.prooftrail.store.journey.RegisteredCodes;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * Puts journeys together: events, custody windows, the readings that apply, the verdict under
 * the product's rule and the names of the places. Two statements for any number of journeys: one
 * for all their events ({@link JourneyEvents}), one for the readings of all their windows with the
 * places' names ({@link CustodyReadings}). Blocking (JDBC); callers run it on a worker.
 *
 * Events and readings count under the write rule (docs/custody.md): the events statement leaves out
 * what organisations without the right wrote ({@link Provenance#claims}), and of each window's devices
 * only those of organisations the rule lets write about the goods there count; the others' readings are
 * set aside as claims too.
 *
 * With {@link RecentReadings} the readings statement is left out for windows (and places) read in
 * the last PT_ANCHOR_INTERVAL: goods that travelled together share their windows.
 *
 * @param bases  resolver bases under which events may name codes as Digital Link URIs
 * @param recent windows and places read recently ({@link RecentReadings#NONE}: none kept)
 */
public record ProvenanceService(List<String> bases, RecentReadings recent) {
    public static final int LOT_ITEMS_FOLLOWED = CodeIdentity.LOT_ITEMS;

    /** Reads every journey's readings afresh. */
    public ProvenanceService(List<String> bases) {
        this(bases, RecentReadings.NONE);
    }

    /** A lot whose journey is asked for, with the items it follows (see {@link #ofLot}). */
    public record LotJourney(Product product, Lot lot, List<RegisteredCodes.ItemCode> items) {
    }

    public Provenance ofItem(Connection c, Product product, Lot lot, Item item, Instant now) throws SQLException {
        return assemble(c, List.of(asked(product, lot, item, now)), now, false).journeys().get(0);
    }

    /**
     * The journeys of several items of one lot, in two statements, in the order asked: what a lookup
     * that misses the journeys kept in memory reads ({@code LookupCache}). Items whose windows are the
     * same share their readings, verdict and rendering memo. With what to watch for changes: every
     * code the journeys' events name and every device of their custody windows.
     */
    public Assembled ofItems(Connection c, Product product, Lot lot, List<Item> items, Instant now)
            throws SQLException {
        List<Asked> asked = new ArrayList<>(items.size());
        for (Item item : items) {
            asked.add(asked(product, lot, item, now));
        }
        return assemble(c, asked, now, true);
    }

    /**
     * A lot's journey: events naming the lot, and events naming its items (at most
     * {@link #LOT_ITEMS_FOLLOWED} of them: serialised goods are usually commissioned and packed by item,
     * and a lot's items travel together; a lot of 100,000 packs cannot be followed one by one per lookup).
     */
    public Provenance ofLot(Connection c, Product product, Lot lot, Instant now) throws SQLException {
        return ofLot(c, product, lot, RegisteredCodes.itemsOfLot(c, lot.gtin(), lot.lot(), LOT_ITEMS_FOLLOWED), now);
    }

    /** A lot's journey when its items are known already ({@link CodeIdentity#lot} reads them with the lot). */
    public Provenance ofLot(Connection c, Product product, Lot lot, List<RegisteredCodes.ItemCode> items, Instant now)
            throws SQLException {
        return ofLots(c, List.of(new LotJourney(product, lot, items)), now).get(0);
    }

    /** Several lots' journeys in two statements, in the order asked. */
    public List<Provenance> ofLots(Connection c, List<LotJourney> lots, Instant now) throws SQLException {
        List<Asked> asked = new ArrayList<>();
        for (LotJourney l : lots) {
            Gtin gtin = new Gtin(l.lot().gtin());
            Set<String> itemForms = new LinkedHashSet<>();
            for (RegisteredCodes.ItemCode i : l.items()) {
                itemForms.addAll(EpcForms.item(gtin, l.lot().lot(), i.serial(), bases));
                itemForms.add(i.digitalLink());
            }
            asked.add(new Asked(l.product(), l.lot(), null,
                    new JourneyEvents.Codes(itemForms, EpcForms.lot(gtin, l.lot().lot(), bases), l.product().orgId(),
                            l.lot().gtin(), l.lot().lot()), now, true));
        }
        return assemble(c, asked, now, false).journeys();
    }

    private Asked asked(Product product, Lot lot, Item item, Instant now) {
        Gtin gtin = new Gtin(item.gtin());
        Set<String> itemForms = new LinkedHashSet<>(EpcForms.item(gtin, item.lot(), item.serial(), bases));
        itemForms.add(item.digitalLink());
        boolean dispensed = item.dispensedAt() != null && item.dispensedAt().isBefore(now);
        return new Asked(product, lot, item, new JourneyEvents.Codes(itemForms, EpcForms.lot(gtin, lot.lot(), bases),
                product.orgId(), lot.gtin(), lot.lot()),
                dispensed ? item.dispensedAt() : now, !dispensed);
    }

    /** The keys of an item's code and of its lot's ({@link EpcKey}: every spelling has the same), under which kept journeys are filed. */
    public Set<String> keysOf(Item item) {
        Gtin gtin = new Gtin(item.gtin());
        return Set.of(EpcKey.of(new DigitalLink(gtin, item.lot(), item.serial()).uri(EpcKey.BASE)),
                EpcKey.of(new DigitalLink(gtin, item.lot(), null).uri(EpcKey.BASE)));
    }

    private record Span(String location, Instant from, Instant to) {
    }

    private record Asked(Product product, Lot lot, Item item, JourneyEvents.Codes codes, Instant end, boolean open) {
    }

    /**
     * Journeys put together, with what they depend on (when asked for): the codes their events name
     * and the devices of their windows; a new event naming none of those codes and a reading of none of
     * those devices cannot change them.
     */
    public record Assembled(List<Provenance> journeys, Set<String> codes, Set<String> devices) {
    }

    private Assembled assemble(Connection c, List<Asked> asked, Instant asOf, boolean watch) throws SQLException {
        List<JourneyEvents.Codes> codes = asked.stream().map(Asked::codes).toList();
        JourneyEvents.Watched found = watch ? JourneyEvents.watched(c, codes) : JourneyEvents.judged(c, codes);
        List<List<TimelineEvent>> events = found.events();
        // windows shared by several journeys (a page of lots that travelled together) are read once
        Map<Span, Integer> index = new LinkedHashMap<>();
        List<CustodyWindow> distinct = new ArrayList<>();
        List<List<CustodyWindow>> windowsOf = new ArrayList<>();
        Set<String> locations = new LinkedHashSet<>();
        for (int j = 0; j < asked.size(); j++) {
            List<CustodyWindow> windows = CustodyWindows.windows(events.get(j), asked.get(j).end(), asked.get(j).open());
            windowsOf.add(windows);
            for (CustodyWindow w : windows) {
                if (index.putIfAbsent(new Span(w.location(), w.from(), w.to()), index.size()) == null) {
                    distinct.add(w);
                }
            }
            events.get(j).forEach(e -> locations.add(e.location()));
        }
        Custody custodyFound = custody(c, distinct, locations);
        List<RecentReadings.Window> read = custodyFound.windows();
        Map<String, String> names = custodyFound.places();
        Set<String> devices = new HashSet<>();
        read.forEach(w -> devices.addAll(w.devices()));
        List<Provenance> out = new ArrayList<>();
        // journeys with the same windows, devices that count and rule (a lot's packs) share their readings,
        // verdict and memo
        Map<List<Object>, Provenance> shared = new HashMap<>();
        for (int j = 0; j < asked.size(); j++) {
            Asked a = asked.get(j);
            WriteRights rights = found.rights().get(j);
            List<Object> key = new ArrayList<>();
            key.add(a.product().rule());
            List<List<String>> counting = new ArrayList<>();
            List<Claims.Readings> setAside = new ArrayList<>();
            for (CustodyWindow w : windowsOf.get(j)) {
                RecentReadings.Window r = read.get(index.get(new Span(w.location(), w.from(), w.to())));
                List<String> counted = new ArrayList<>();
                for (int d = 0; d < r.devices().size(); d++) {
                    String device = r.devices().get(d);
                    CustodyReadings.DeviceOrg org = r.orgs().get(device);
                    if (org == null || rights.readingsCount(org.org(), org.gln(), w.from(), w.to())) {
                        counted.add(device);
                    } else {
                        setAside.add(new Claims.Readings(device, org.org(), w.location(), w.from(), w.open() ? null : w.to(),
                                r.readings().get(d).samples().size()));
                    }
                }
                counting.add(counted);
                key.add(index.get(new Span(w.location(), w.from(), w.to())));
                key.add(w.open());
                key.add(counted);
            }
            Provenance same = shared.get(key);
            if (same == null) {
                List<CustodyWindow> custody = new ArrayList<>();
                List<Series> readings = new ArrayList<>();
                for (int k = 0; k < windowsOf.get(j).size(); k++) {
                    CustodyWindow w = windowsOf.get(j).get(k);
                    RecentReadings.Window r = read.get(index.get(new Span(w.location(), w.from(), w.to())));
                    List<String> counted = counting.get(k);
                    custody.add(new CustodyWindow(w.location(), w.from(), w.to(), w.open(), List.copyOf(counted)));
                    for (int d = 0; d < r.devices().size(); d++) {
                        if (counted.contains(r.devices().get(d))) {
                            readings.add(r.readings().get(d));
                        }
                    }
                }
                Verdict verdict = a.product().rule().judge(watched(custody), readings);
                same = new Provenance(null, null, null, null, List.copyOf(custody), List.copyOf(readings), verdict, null,
                        asOf, new Memo());
                shared.put(key, same);
            }
            Map<String, String> places = new LinkedHashMap<>();
            events.get(j).forEach(e -> {
                if (e.location() != null && names.containsKey(e.location())) {
                    places.put(e.location(), names.get(e.location()));
                }
            });
            out.add(new Provenance(a.product(), a.lot(), a.item(), events.get(j), same.custody(), same.readings(),
                    same.verdict(), places, asOf, same.memo(), new Claims(found.claims().get(j), setAside)));
        }
        return new Assembled(out, found.codes(), devices);
    }

    /** The windows as the coverage rule sees them (core knows no store types). */
    static List<Watch> watched(List<CustodyWindow> windows) {
        return windows.stream().map(w -> new Watch(w.location(), w.from(), w.to(), w.devices())).toList();
    }

    private record Custody(List<RecentReadings.Window> windows, Map<String, String> places) {
    }

    /**
     * Each window's devices and readings and the places' names: those kept recently, the others read
     * in one statement (and kept); no statement when all were kept.
     */
    private Custody custody(Connection c, List<CustodyWindow> windows, Set<String> locations) throws SQLException {
        List<RecentReadings.Window> out = new ArrayList<>(windows.size());
        List<CustodyWindow> missing = new ArrayList<>();
        List<Integer> missingAt = new ArrayList<>();
        for (CustodyWindow w : windows) {
            Optional<RecentReadings.Window> kept = recent.window(w);
            out.add(kept.orElse(null));
            if (kept.isEmpty()) {
                missing.add(w);
                missingAt.add(out.size() - 1);
            }
        }
        Map<String, String> places = new HashMap<>();
        List<String> unnamed = new ArrayList<>();
        for (String l : locations) {
            if (l == null) {
                continue;
            }
            Optional<String> kept = recent.place(l);
            if (kept == null) {
                unnamed.add(l);
            } else {
                kept.ifPresent(name -> places.put(l, name));
            }
        }
        if (missing.isEmpty() && unnamed.isEmpty()) {
            return new Custody(out, places);
        }
        CustodyReadings.Found found = CustodyReadings.during(c, missing, unnamed);
        // the found series come window by window, one per device of the window
        int next = 0;
        for (int k = 0; k < missing.size(); k++) {
            List<String> devices = found.windows().get(k).devices();
            List<Series> series = found.readings().subList(next, next + devices.size());
            next += devices.size();
            Map<String, CustodyReadings.DeviceOrg> orgs = new HashMap<>();
            devices.forEach(d -> orgs.put(d, found.deviceOrgs().get(d)));
            RecentReadings.Window w = new RecentReadings.Window(List.copyOf(devices), List.copyOf(series), Map.copyOf(orgs));
            out.set(missingAt.get(k), w);
            recent.keep(missing.get(k), w);
        }
        places.putAll(found.places());
        recent.keepPlaces(unnamed, found.places());
        return new Custody(out, places);
    }
}
