package org.prooftrail.api.provenance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.store.journey.CustodyReadings;
import org.prooftrail.store.journey.CustodyWindow;

/**
 * The readings of custody windows and the names of places, as read in the last {@code ttl}, so that
 * lookups of goods that travelled together (a lot's items share their windows) read them once per
 * {@code ttl} instead of once per lookup. Kept for at most {@code ttl} after they were read (the
 * resolver uses PT_ANCHOR_INTERVAL): a reading, a device moved to another place or a renamed place
 * shows on a page at most that long after it was stored. Only closed windows are kept: an open one
 * (goods still in custody, ending now) gains readings as they arrive, and a page must show the same
 * readings as the evidence document the browser checks it against (read at the page's time), so it
 * is read with every lookup. Bounded by the number of samples held ({@code maxSamples}).
 * A {@code ttl} of zero keeps nothing.
 */
public final class RecentReadings {
    /** Keeps nothing: every journey reads its windows. */
    public static final RecentReadings NONE = new RecentReadings(Duration.ZERO, 0);
    /** About 40 MB of samples: the windows of the most recently asked lots. */
    public static final long DEFAULT_MAX_SAMPLES = 500_000;

    /** A closed window as kept: by place, start and end. */
    private record Key(String location, Instant from, Instant to) {
        static Key of(CustodyWindow w) {
            return new Key(w.location(), w.from(), w.to());
        }
    }

    /**
     * The devices at a window's place and their series (one per device, in device order), with each
     * device's organisation (whose readings count is decided per journey, {@link ProvenanceService}).
     */
    public record Window(List<String> devices, List<Series> readings, Map<String, CustodyReadings.DeviceOrg> orgs) {
    }

    private final Cache<Key, Window> windows;
    private final Cache<String, Optional<String>> places;

    public RecentReadings(Duration ttl, long maxSamples) {
        if (ttl.isZero() || ttl.isNegative() || maxSamples <= 0) {
            windows = null;
            places = null;
            return;
        }
        windows = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxSamples)
                .weigher((Key k, Window w) -> 1 + w.readings().stream().mapToInt(s -> s.samples().size()).sum())
                .build();
        places = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    }

    /** The closed window as kept; empty when open, not kept or expired. */
    Optional<Window> window(CustodyWindow w) {
        return windows == null || w.open() ? Optional.empty() : Optional.ofNullable(windows.getIfPresent(Key.of(w)));
    }

    /** Keeps a window's readings whose devices' organisations are not known (every device's readings count). */
    void keep(CustodyWindow w, List<String> devices, List<Series> readings) {
        keep(w, new Window(List.copyOf(devices), List.copyOf(readings), Map.of()));
    }

    void keep(CustodyWindow w, Window read) {
        if (windows != null && !w.open()) {
            windows.put(Key.of(w), read);
        }
    }

    /** The place's name (empty when it has none); null when not kept. */
    Optional<String> place(String location) {
        return places == null ? null : places.getIfPresent(location);
    }

    /** Keeps the names read for {@code asked}: those without one in {@code names} are kept as having none. */
    void keepPlaces(Collection<String> asked, Map<String, String> names) {
        if (places != null) {
            asked.forEach(l -> places.put(l, Optional.ofNullable(names.get(l))));
        }
    }
}
