package org.prooftrail.api.resolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.prooftrail.api.page.ConsumerPage;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.api.provenance.ProvenanceService;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.store.Database;
import org.prooftrail.store.journey.CodeIdentity;
import org.prooftrail.store.journey.Item;
import org.prooftrail.store.journey.LotItems;
import org.prooftrail.store.replicas.WalPosition;
import org.prooftrail.store.scans.ScanLog;
import org.prooftrail.store.scans.ScanSummary;

/**
 * The blocking part of resolving a code, on a worker with one connection for the whole lookup: find
 * the code with its product, lot and scan summary (one statement), count the scan (in memory, see
 * {@link ScanLog}), answer 304 when the client's tag still holds, else build the provenance (two
 * statements, see {@link ProvenanceService}). Items are kept in memory once assembled
 * ({@link KeptJourneys}): a kept item's lookup runs no statement, and a miss assembles the item's lot
 * in the same three statements (the lot's items, their events, their windows' readings).
 */
final class CodeResolver {
    private final ProvenanceService provenance;
    private final ScanLog scans;
    private final KeptJourneys kept;
    /** Whether lookups read a streaming replica (then a lot's read position is taken, see {@link KeptJourneys#keep}). */
    private final boolean replica;
    /** Lots being assembled, by the GTIN and lot the lookup's link named (or the China code). */
    private final ConcurrentHashMap<String, CountDownLatch> assembling = new ConcurrentHashMap<>();
    private static final Duration WAIT_FOR_OTHERS = Duration.ofSeconds(5);

    /** @param replica whether the pools lookups are given read a streaming replica */
    CodeResolver(ProvenanceService provenance, ScanLog scans, KeptJourneys kept, boolean replica) {
        this.provenance = provenance;
        this.scans = scans;
        this.kept = kept;
        this.replica = replica;
    }

    /**
     * An item as the primary has it, neither kept nor looked for among kept ones: for a code a replica
     * did not know (registered moments ago, not yet replayed there), so that it is not called "not genuine".
     */
    Resolution itemAsStored(Connection c, String gtin, String serial, String lot, String region, LookupTag tag)
            throws SQLException {
        return item(c, CodeIdentity.item(c, gtin, serial), gtin + " / " + serial, lot, region, tag);
    }

    /** As {@link #itemAsStored}, by China drug code. */
    Resolution chinaItemAsStored(Connection c, String code, String region, LookupTag tag) throws SQLException {
        return item(c, CodeIdentity.itemByChinaCode(c, code), "with China drug code " + code, null, region, tag);
    }

    /** Where the replica {@code c} stands before a lot's first statement; {@link KeptJourneys#PRIMARY} on the primary. */
    private long readFrom(Connection c) throws SQLException {
        return replica ? WalPosition.of(c) : KeptJourneys.PRIMARY;
    }

    Resolution product(Connection c, Gtin gtin, String region, LookupTag tag) throws SQLException {
        Optional<CodeIdentity.Identity> found = CodeIdentity.product(c, gtin.value());
        if (found.isEmpty()) {
            return Resolution.missing("no product with GTIN " + gtin.value() + " is registered here");
        }
        CodeIdentity.Identity id = found.get();
        ScanSummary s = scans.record(id.scans(), gtin.value(), "", "", region, null);
        String canonical = new DigitalLink(gtin, null, null).path();
        String etag = tag.of(id, canonical, Instant.now());
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, id.product(), null, s, canonical, etag);
    }

    Resolution lot(Connection c, Gtin gtin, String lot, String region, LookupTag tag) throws SQLException {
        Optional<CodeIdentity.Identity> found = CodeIdentity.lot(c, gtin.value(), lot);
        if (found.isEmpty() || found.get().lot() == null) {
            return Resolution.missing(found.isEmpty() ? "no product with GTIN " + gtin.value() + " is registered here"
                    : "product " + gtin.value() + " has no lot '" + lot + "'");
        }
        CodeIdentity.Identity id = found.get();
        ScanSummary s = scans.record(id.scans(), gtin.value(), lot, "", region, null);
        String canonical = new DigitalLink(gtin, lot, null).path();
        Instant now = Instant.now();
        String etag = tag.of(id, canonical, now);
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, id.product(), provenance.ofLot(c, id.product(), id.lot(), id.lotItems(), now), s,
                canonical, etag);
    }

    /**
     * An item by GTIN and serial: as kept in memory when it is ({@link KeptJourneys}, no statement),
     * else its lot assembled and kept (three statements, see {@link #assembled}).
     *
     * @param lot the lot the link names
     */
    Resolution item(Database db, String gtin, String serial, String lot, String region, LookupTag tag)
            throws SQLException {
        String what = gtin + " / " + serial;
        KeptJourneys.Kept k = kept.item(gtin, serial);
        if (k == null && kept.keeping()) {
            k = keptOrAssembled(gtin + "/" + lot, () -> kept.item(gtin, serial), () -> {
                long mark = kept.mark();
                try (Connection c = db.connection()) {
                    long readFrom = readFrom(c);
                    return assembled(mark, readFrom, c, LotItems.around(c, gtin, serial), serial);
                }
            });
        } else if (k == null) {
            try (Connection c = db.connection()) {
                return item(c, CodeIdentity.item(c, gtin, serial), what, lot, region, tag);
            }
        }
        return k == null ? missing(what) : answer(k, what, lot, region, tag);
    }

    /** An item's lookup when it is kept (no statement, nothing blocking); null when it is not. */
    Resolution keptItem(String gtin, String serial, String lot, String region, LookupTag tag) {
        KeptJourneys.Kept k = kept.item(gtin, serial);
        return k == null ? null : answer(k, gtin + " / " + serial, lot, region, tag);
    }

    /** As {@link #keptItem}, by China drug code. */
    Resolution keptChinaItem(String code, String region, LookupTag tag) {
        KeptJourneys.Kept k = kept.chinaCode(code);
        return k == null ? null : answer(k, "with China drug code " + code, null, region, tag);
    }

    /** An item by its China drug code, as {@link #item(Database, String, String, String, String, LookupTag)}. */
    Resolution chinaItem(Database db, String code, String region, LookupTag tag) throws SQLException {
        String what = "with China drug code " + code;
        KeptJourneys.Kept k = kept.chinaCode(code);
        if (k == null && kept.keeping()) {
            k = keptOrAssembled("cn/" + code, () -> kept.chinaCode(code), () -> {
                long mark = kept.mark();
                try (Connection c = db.connection()) {
                    long readFrom = readFrom(c);
                    List<CodeIdentity.Identity> ids = LotItems.aroundChinaCode(c, code);
                    return assembled(mark, readFrom, c, ids, ids.isEmpty() ? null : ids.get(0).item().serial());
                }
            });
        } else if (k == null) {
            try (Connection c = db.connection()) {
                return item(c, CodeIdentity.itemByChinaCode(c, code), what, null, region, tag);
            }
        }
        return k == null ? missing(what) : answer(k, what, null, region, tag);
    }

    /** Assembles a lot; null when the asked item is not registered. */
    private interface Assembly {
        KeptJourneys.Kept run() throws SQLException;
    }

    /**
     * One assembly per lot at a time: the packs of a lot are looked up together, and when another
     * lookup is assembling the lot its link names, this one waits for it (at most {@link #WAIT_FOR_OTHERS})
     * and takes the item as kept; only when it was not kept (a slice of a big lot without it, a notice
     * that raced) does it assemble the lot itself.
     */
    private KeptJourneys.Kept keptOrAssembled(String lotKey, Supplier<KeptJourneys.Kept> keptNow, Assembly assembly)
            throws SQLException {
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch other = assembling.putIfAbsent(lotKey, mine);
        if (other == null) {
            try {
                return assembly.run();
            } finally {
                assembling.remove(lotKey, mine);
                mine.countDown();
            }
        }
        try {
            other.await(WAIT_FOR_OTHERS.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        KeptJourneys.Kept k = keptNow.get();
        return k != null ? k : assembly.run();
    }

    /**
     * The lot of the asked item ({@code ids}, the asked one first) assembled and kept: the journeys of
     * all its items in two statements; null when the item is not registered.
     */
    private KeptJourneys.Kept assembled(long mark, long readFrom, Connection c, List<CodeIdentity.Identity> ids, String serial)
            throws SQLException {
        if (ids.isEmpty() || !ids.get(0).item().serial().equals(serial)) {
            return null;
        }
        CodeIdentity.Identity first = ids.get(0);
        List<Item> live = ids.stream().map(CodeIdentity.Identity::item).filter(i -> !i.retired()).toList();
        ProvenanceService.Assembled a = provenance.ofItems(c, first.product(), first.lot(), live, Instant.now());
        Map<String, Provenance> journeys = new HashMap<>();
        Set<String> locations = new HashSet<>();
        // the parts pages share with the lot's other packs, rendered here rather than per page
        ConsumerPage.prepare(a.journeys());
        for (Provenance p : a.journeys()) {
            journeys.put(p.item().serial(), p);
            p.events().forEach(e -> {
                if (e.location() != null) {
                    locations.add(e.location());
                }
            });
        }
        Set<String> codes = new HashSet<>(a.codes());
        List<KeptJourneys.ItemKey> keys = new ArrayList<>();
        for (CodeIdentity.Identity id : ids) {
            codes.addAll(provenance.keysOf(id.item()));
            keys.add(new KeptJourneys.ItemKey(id.item().gtin(), id.item().serial()));
        }
        KeptJourneys.Lot lot = new KeptJourneys.Lot(keys, codes, a.devices(), locations);
        List<KeptJourneys.Kept> kept = new ArrayList<>(ids.size());
        for (CodeIdentity.Identity id : ids) {
            Item i = id.item();
            String canonical = new DigitalLink(new Gtin(i.gtin()), i.lot(), i.serial()).path();
            kept.add(new KeptJourneys.Kept(id, journeys.get(i.serial()),
                    scans.tally(id.scans(), i.gtin(), i.lot(), i.serial(), i.dispensedAt()), lot, canonical,
                    LookupTag.identity(id, canonical)));
        }
        this.kept.keep(mark, readFrom, lot, kept);
        return kept.get(0);
    }

    private Resolution answer(KeptJourneys.Kept k, String what, String lot, String region, LookupTag tag) {
        Item item = k.identity().item();
        if (lot != null && !lot.equals(item.lot())) {
            return Resolution.missing("item " + what + " exists but not in lot '" + lot
                    + "'; the lot printed with this code does not match the maker's record");
        }
        ScanSummary s = scans.count(k.scans(), region);
        String canonical = k.canonical();
        if (item.retired()) {
            return new Resolution(410, "item " + what + " was withdrawn by its maker; do not use it", k.identity().product(),
                    null, s, canonical, null);
        }
        String etag = tag.of(k.tagIdentity(), Instant.now());
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, k.identity().product(), k.provenance(), s, canonical, etag);
    }

    private static Resolution missing(String what) {
        return Resolution.missing("no item " + what + " is registered here; the code may be mistyped or not genuine");
    }

    /** @param lot the lot the link names, or null when the code named none (China drug codes) */
    private Resolution item(Connection c, Optional<CodeIdentity.Identity> found, String what, String lot, String region,
                    LookupTag tag) throws SQLException {
        if (found.isEmpty()) {
            return missing(what);
        }
        CodeIdentity.Identity id = found.get();
        Item item = id.item();
        if (lot != null && !lot.equals(item.lot())) {
            return Resolution.missing("item " + what + " exists but not in lot '" + lot
                    + "'; the lot printed with this code does not match the maker's record");
        }
        ScanSummary s = scans.record(id.scans(), item.gtin(), item.lot(), item.serial(), region, item.dispensedAt());
        String canonical = new DigitalLink(new Gtin(item.gtin()), item.lot(), item.serial()).path();
        if (item.retired()) {
            return new Resolution(410, "item " + what + " was withdrawn by its maker; do not use it", id.product(), null, s,
                    canonical, null);
        }
        Instant now = Instant.now();
        String etag = tag.of(id, canonical, now);
        if (tag.matches(etag)) {
            return Resolution.notModified(etag);
        }
        return new Resolution(200, null, id.product(), provenance.ofItem(c, id.product(), id.lot(), item, now), s,
                canonical, etag);
    }
}
