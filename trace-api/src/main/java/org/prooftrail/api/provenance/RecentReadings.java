package org.prooftrail.api.provenance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.store.journey.CustodyWindow;

/**
 * The readings of custody windows and the names of places, as read in the last {@code ttl}, so that
 * lookups of goods that travelled together (a lot's items share their windows) read them once per
 * {@code ttl} instead of once per lookup. Kept for at most {@code ttl} after they were read (the
 * resolver uses PT_ANCHOR_INTERVAL): a reading, a device moved to another place or a renamed place
 * shows on a page at most that long after it was stored. An open window (goods still in custody,
 * ending now) is kept by its place and start; served later, it ends at the asking time and holds the
 * readings stored until it was read. Bounded by the number of samples held ({@code maxSamples}).
 * A {@code ttl} of zero keeps nothing.
 */
public final class RecentReadings {
    /** Keeps nothing: every journey reads its windows. */
    public static final RecentReadings NONE = new RecentReadings(Duration.ZERO, 0);
    /** About 40 MB of samples: the windows of the most recently asked lots. */
    public static final long DEFAULT_MAX_SAMPLES = 500_000;

    /** A window as kept: closed ones by place, start and end; open ones by place and start (end null). */
    private record Key(String location, Instant from, Instant to) {
        static Key of(CustodyWindow w) {
            return new Key(w.location(), w.from(), w.open() ? null : w.to());
        }
    }

    /** The devices at a window's place and their series (one per device, in device order). */
    public record Window(List<String> devices, List<Series> readings) {
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

    /** The window as kept, its series ending at {@code w}'s end; empty when not kept (or expired). */
    Optional<Window> window(CustodyWindow w) {
        Window kept = windows == null ? null : windows.getIfPresent(Key.of(w));
        if (kept == null) {
            return Optional.empty();
        }
        if (!w.open()) {
            return Optional.of(kept);
        }
        List<Series> readings = new ArrayList<>(kept.readings().size());
        for (Series s : kept.readings()) {
            readings.add(new Series(s.device(), s.location(), s.from(), w.to(), s.samples()));
        }
        return Optional.of(new Window(kept.devices(), readings));
    }

    void keep(CustodyWindow w, List<String> devices, List<Series> readings) {
        if (windows != null) {
            windows.put(Key.of(w), new Window(List.copyOf(devices), List.copyOf(readings)));
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
