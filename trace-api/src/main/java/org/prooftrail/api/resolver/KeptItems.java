package org.prooftrail.api.resolver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The item lookups of kept lots, at most {@code maxItems} of them and none older than {@code maxAge},
 * oldest lot out first. A read writes nothing: no access order, no frequency count.
 *
 * <p>Why not a cache library's LRU: with 100,000 kept packs looked up at random, every read moved a
 * long-lived entry in the cache's access order, a few pointer stores into old objects far apart. G1
 * must scan each card such a store dirties at the next young collection: 5,000 to 20,000 cards a
 * collection, most of each pause (6 to 10 ms of 9 to 13) in the lookup benchmark. Lots are kept whole
 * and age out whole, so first in, first out loses little against least recently used.
 */
final class KeptItems<K, V> {
    private final Duration maxAge;
    private final long maxItems;
    private final LongSupplier nanos;
    private final BiConsumer<K, V> forgotten;
    private final ConcurrentHashMap<K, Filed<V>> items = new ConcurrentHashMap<>();
    /** Filings in the order they were kept; each names its own keys, so a filing whose items are gone is skipped. */
    private final ArrayDeque<Filing<K>> order = new ArrayDeque<>();

    /** An item's value and the filing that kept it; compared by identity (the values are large records). */
    private static final class Filed<V> {
        final V value;
        final Filing<?> filing;

        Filed(V value, Filing<?> filing) {
            this.value = value;
            this.filing = filing;
        }
    }

    private record Filing<K>(List<K> keys, long keptAt) {
    }

    /**
     * @param forgotten told of every item that leaves (aged out, pushed out by newer ones, removed),
     *                  once, after it left
     */
    KeptItems(Duration maxAge, long maxItems, LongSupplier nanos, BiConsumer<K, V> forgotten) {
        this.maxAge = maxAge;
        this.maxItems = maxItems;
        this.nanos = nanos;
        this.forgotten = forgotten;
    }

    /** The kept value, or null when there is none or it is older than {@code maxAge}. */
    V get(K key) {
        Filed<V> f = items.get(key);
        if (f == null) {
            return null;
        }
        if (nanos.getAsLong() - f.filing.keptAt() > maxAge.toNanos()) {
            expire();
            return null;
        }
        return f.value;
    }

    /** Keeps these values together (one lot), then lets the oldest go until the bounds hold. */
    void keep(Collection<K> keys, Collection<V> values) {
        if (keys.size() != values.size()) {
            throw new IllegalArgumentException("keys and values differ in number");
        }
        Filing<K> filing = new Filing<>(List.copyOf(keys), nanos.getAsLong());
        var v = values.iterator();
        for (K k : filing.keys()) {
            Filed<V> before = items.put(k, new Filed<>(v.next(), filing));
            if (before != null) {
                forgotten.accept(k, before.value);
            }
        }
        synchronized (order) { // after the items, so that letting go of this filing always finds them
            order.addLast(filing);
        }
        expire();
    }

    /** Removes the item; returns what was kept, or null. The caller is told as for any other leaving. */
    V remove(K key) {
        Filed<V> f = items.remove(key);
        if (f == null) {
            return null;
        }
        forgotten.accept(key, f.value);
        return f.value;
    }

    /** Removes everything, telling nobody (the caller forgets everything itself). */
    long clear() {
        long n;
        synchronized (order) {
            n = items.mappingCount();
            items.clear();
            order.clear();
        }
        return n;
    }

    long size() {
        return items.mappingCount();
    }

    /** Lets go of filings from the oldest while they are too old or there are more items than allowed. */
    private void expire() {
        long now = nanos.getAsLong();
        while (true) {
            Filing<K> oldest;
            synchronized (order) {
                oldest = order.peekFirst();
                if (oldest == null || (now - oldest.keptAt() <= maxAge.toNanos() && items.mappingCount() <= maxItems)) {
                    return;
                }
                order.pollFirst();
            }
            for (K k : oldest.keys()) {
                Filed<V> f = items.get(k);
                // an item kept again by a later filing stays
                if (f != null && f.filing == oldest && items.remove(k, f)) {
                    forgotten.accept(k, f.value);
                }
            }
        }
    }
}
