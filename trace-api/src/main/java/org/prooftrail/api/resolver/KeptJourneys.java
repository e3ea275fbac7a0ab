package org.prooftrail.api.resolver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.store.changes.ChangeListener;
import org.prooftrail.store.changes.ChangeNotices;
import org.prooftrail.store.journey.CodeIdentity;
import org.prooftrail.store.scans.ScanLog;

/**
 * Item lookups as assembled, kept in memory so that the next lookup of the item runs no statement.
 * A lookup that misses assembles its item's whole lot at once ({@link CodeResolver}): goods of a lot
 * travel together, so one miss serves the lot's other packs too.
 *
 * <p>What is kept is dropped when data it depends on changes: PostgreSQL tells every API process, in
 * the transaction that stores the data ({@link ChangeNotices}): a new event naming any code the kept
 * lot's events name (its packs, the lot, their cases and pallets, a transformation's inputs), an
 * envelope of any device of its custody windows, a device placed at or moved from one of its places,
 * the item changed (retired, dispensed), or any other registry change. So a lookup never shows
 * less than what was stored before it, give or take the notice's delivery (milliseconds) and, when lookups
 * read a streaming replica, the replica's lag. While the
 * listening connection is down nothing is kept or served from here. Besides, a journey is kept at
 * most {@code maxAge} (PT_LOOKUP_KEEP, default ten minutes): an
 * open custody window grows older without new data, scans counted by other API processes join, and
 * rows edited in the database by hand (which no notice announces; the audit finds them) show.
 *
 * <p>A lot assembled while a notice about it arrived is served but not kept ({@link #keep}). So is a lot
 * read from a streaming replica that had not yet replayed a change announced to it: the notice comes from
 * the primary (each with where the primary's log stood then), and a replica may be behind it, so a lot
 * dropped by a notice and assembled again at once from a lagging replica would otherwise be kept, for up to
 * {@code maxAge}, without the change.
 */
final class KeptJourneys implements ChangeListener.Receiver {
    /** How many notices are remembered for lookups assembling while they arrive. */
    private static final int RECENT = 4_096;

    /**
     * An item lookup as kept: its registry rows, its journey and its scans so far, with its canonical
     * path and the digest of its identity for the ETag ({@link LookupTag#identity}), made once.
     */
    record Kept(CodeIdentity.Identity identity, Provenance provenance, ScanLog.Tally scans, Lot lot, String canonical,
                String tagIdentity) {
    }

    /** A lot (or a slice of a big one) as assembled by one lookup, with what it depends on. */
    static final class Lot {
        private final List<ItemKey> items;
        private final Set<String> codes;
        private final Set<String> devices;
        private final Set<String> locations;
        private final AtomicInteger kept = new AtomicInteger();

        /**
         * @param codes     the codes a new event would name to change these journeys
         * @param devices   the devices of their custody windows
         * @param locations their events' places (windows and names)
         */
        Lot(List<ItemKey> items, Set<String> codes, Set<String> devices, Set<String> locations) {
            this.items = items;
            this.codes = codes;
            this.devices = devices;
            this.locations = locations;
        }
    }

    record ItemKey(String gtin, String serial) {
        /** From a notice's {@code gtin/serial}. */
        static ItemKey of(String gtinSlashSerial) {
            int slash = gtinSlashSerial.indexOf('/');
            return slash < 0 ? new ItemKey(gtinSlashSerial, "") : new ItemKey(gtinSlashSerial.substring(0, slash),
                    gtinSlashSerial.substring(slash + 1));
        }
    }

    /** @param position where the primary's log stood when the notice came (0 when not told) */
    private record Recent(long seq, ChangeNotices.Notice notice, long position) {
    }

    /** The read position of a lot read from the primary: it holds every change announced so far. */
    static final long PRIMARY = Long.MAX_VALUE;

    private final KeptItems<ItemKey, Kept> items;
    private final ConcurrentHashMap<String, ItemKey> chinaCodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Lot>> byCode = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Lot>> byDevice = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Lot>> byLocation = new ConcurrentHashMap<>();
    private final AtomicLong notices = new AtomicLong();
    private final Deque<Recent> recent = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean listening;

    /**
     * @param maxAge   how long a journey is kept at most; zero keeps nothing
     * @param maxItems how many item lookups are kept at most
     */
    KeptJourneys(Duration maxAge, long maxItems) {
        this.items = maxAge.isZero() || maxAge.isNegative() ? null
                : new KeptItems<>(maxAge, maxItems, System::nanoTime, this::forgotten);
    }

    /** The item's lookup as kept, or null. */
    Kept item(String gtin, String serial) {
        return items == null || !listening ? null : items.get(new ItemKey(gtin, serial));
    }

    /** The lookup of the item with this China drug code as kept, or null. */
    Kept chinaCode(String code) {
        ItemKey k = items == null || !listening ? null : chinaCodes.get(code);
        return k == null ? null : item(k.gtin(), k.serial());
    }

    /** Whether a lookup that misses should assemble its item's lot for keeping. */
    boolean keeping() {
        return items != null && listening;
    }

    /** Taken before a lookup's first statement: notices from here on may not be in what it reads. */
    long mark() {
        return notices.get();
    }

    /**
     * Keeps a lot's item lookups, unless a notice that arrived since {@code mark} touches it (the
     * statements may have read before or after that change), or one whose change lies past
     * {@code readFrom} (the replica read had not replayed it): such a lot is served, not kept.
     *
     * @param readFrom the replica's replay position before the lot's first statement ({@link
     *                 org.prooftrail.store.replicas.WalPosition}), or {@link #PRIMARY}
     */
    void keep(long mark, long readFrom, Lot lot, Collection<Kept> kept) {
        if (items == null || !listening || touchedSince(mark, readFrom, lot)) {
            return;
        }
        lot.codes.forEach(c -> byCode.computeIfAbsent(c, x -> ConcurrentHashMap.newKeySet()).add(lot));
        lot.devices.forEach(d -> byDevice.computeIfAbsent(d, x -> ConcurrentHashMap.newKeySet()).add(lot));
        lot.locations.forEach(l -> byLocation.computeIfAbsent(l, x -> ConcurrentHashMap.newKeySet()).add(lot));
        List<ItemKey> keys = new ArrayList<>(kept.size());
        for (Kept k : kept) {
            lot.kept.incrementAndGet();
            ItemKey key = new ItemKey(k.identity().item().gtin(), k.identity().item().serial());
            keys.add(key);
        }
        items.keep(keys, kept);
        int i = 0;
        for (Kept k : kept) { // after keeping: an item kept before is forgotten, China code and all, as it is replaced
            if (k.identity().item().cnCode() != null) {
                chinaCodes.put(k.identity().item().cnCode(), keys.get(i));
            }
            i++;
        }
        if (touchedSince(mark, readFrom, lot)) { // a notice raced with the filing above
            drop(lot);
        }
    }

    private boolean touchedSince(long mark, long readFrom, Lot lot) {
        synchronized (recent) {
            if (notices.get() - mark > recent.size()) {
                return true; // more arrived than are remembered
            }
            boolean forgotten = notices.get() > recent.size();
            if (forgotten && readFrom != PRIMARY && (recent.isEmpty() || recent.peekFirst().position() > readFrom)) {
                return true; // notices no longer remembered may lie past what the replica had replayed
            }
            for (Recent r : recent) {
                if ((r.seq() > mark || r.position() > readFrom) && touches(r.notice(), lot)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean touches(ChangeNotices.Notice n, Lot lot) {
        if (n.everything()) {
            return true;
        }
        for (String c : n.codes()) {
            if (lot.codes.contains(c)) {
                return true;
            }
        }
        for (String d : n.devices()) {
            if (lot.devices.contains(d)) {
                return true;
            }
        }
        for (String l : n.locations()) {
            if (lot.locations.contains(l)) {
                return true;
            }
        }
        for (String i : n.items()) {
            if (lot.items.contains(ItemKey.of(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void notice(ChangeNotices.Notice n) {
        notice(n, 0);
    }

    @Override
    public void notice(ChangeNotices.Notice n, long primaryPosition) {
        synchronized (recent) {
            recent.addLast(new Recent(notices.incrementAndGet(), n, primaryPosition));
            while (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        if (items == null) {
            return;
        }
        if (n.everything()) {
            forgetAll();
            return;
        }
        List<Lot> touched = new ArrayList<>();
        n.codes().forEach(c -> touched.addAll(byCode.getOrDefault(c, Set.of())));
        n.devices().forEach(d -> touched.addAll(byDevice.getOrDefault(d, Set.of())));
        n.locations().forEach(l -> touched.addAll(byLocation.getOrDefault(l, Set.of())));
        n.items().forEach(i -> {
            Kept k = items.get(ItemKey.of(i));
            if (k != null) {
                touched.add(k.lot());
            }
        });
        touched.forEach(this::drop);
    }

    @Override
    public void live(boolean listening) {
        live(listening, 0);
    }

    @Override
    public void live(boolean listening, long primaryPosition) {
        if (!listening) {
            this.listening = false;
            notice(ChangeNotices.Notice.EVERYTHING, primaryPosition);
        } else {
            // what changed while not listening is unknown, and a replica may not have replayed it yet
            notice(ChangeNotices.Notice.EVERYTHING, primaryPosition);
            this.listening = true;
        }
    }

    /** Item lookups dropped because their data changed (a metric). */
    long dropped() {
        return dropped.get();
    }

    /** Item lookups kept now (a metric). */
    long size() {
        return items == null ? 0 : items.size();
    }

    private void drop(Lot lot) {
        for (ItemKey k : lot.items) {
            if (items.remove(k) != null) {
                dropped.incrementAndGet();
            }
        }
        unfile(lot);
    }

    private void forgetAll() {
        long n = items.clear();
        byCode.clear();
        byDevice.clear();
        byLocation.clear();
        chinaCodes.clear();
        dropped.addAndGet(n);
    }

    /** An item left (expired, evicted or dropped): its lot is unfiled once none of its items is kept. */
    private void forgotten(ItemKey key, Kept kept) {
        if (kept == null) {
            return;
        }
        if (kept.identity().item().cnCode() != null) {
            chinaCodes.remove(kept.identity().item().cnCode(), key);
        }
        if (kept.lot().kept.decrementAndGet() <= 0) {
            unfile(kept.lot());
        }
    }

    private void unfile(Lot lot) {
        lot.codes.forEach(c -> byCode.computeIfPresent(c, (x, s) -> {
            s.remove(lot);
            return s.isEmpty() ? null : s;
        }));
        lot.devices.forEach(d -> byDevice.computeIfPresent(d, (x, s) -> {
            s.remove(lot);
            return s.isEmpty() ? null : s;
        }));
        lot.locations.forEach(l -> byLocation.computeIfPresent(l, (x, s) -> {
            s.remove(lot);
            return s.isEmpty() ? null : s;
        }));
    }
}
