package org.prooftrail.api.provenance;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What renderers derived from one custody part of a journey (its windows, readings and verdict): the
 * chart, the recheck data of its points. Goods of a lot share their custody part, so a page of any of
 * them renders its chart once; a key names what was derived and everything else it depends on
 * (language, time zones).
 */
public final class Memo {
    private final ConcurrentHashMap<String, Object> derived = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> make) {
        Object v = derived.get(key);
        if (v == null) {
            v = make.get();
            Object earlier = derived.putIfAbsent(key, v);
            v = earlier != null ? earlier : v;
        }
        return (T) v;
    }

    /** What was derived under {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <T> T find(String key) {
        return (T) derived.get(key);
    }
}
