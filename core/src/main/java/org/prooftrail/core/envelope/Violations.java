package org.prooftrail.core.envelope;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a payload, each as {@code path: problem}. Keeps the first few, counts
 * the rest: a device owner fixing firmware wants to see several mistakes at once, a log wants one line.
 */
final class Violations {
    static final int KEPT = 10;

    private final List<String> kept = new ArrayList<>(KEPT);
    private int count;

    void add(String path, String problem) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(path + ": " + problem);
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    int count() {
        return count;
    }

    /** The first problem recorded, or null. */
    String first() {
        return kept.isEmpty() ? null : kept.get(0);
    }

    String summary() {
        String joined = String.join("; ", kept);
        return count > kept.size() ? joined + "; and " + (count - kept.size()) + " more" : joined;
    }
}
