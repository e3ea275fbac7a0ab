package org.prooftrail.anchor.audit;

import java.util.ArrayList;
import java.util.List;

/** Keeps the first {@code cap} mismatches and counts all of them, so a wrecked database cannot make a huge report. */
final class MismatchLog {
    /** Longer values are cut, for the same reason. */
    static final int MAX_VALUE_CHARS = 300;

    private final int cap;
    private final List<Mismatch> kept = new ArrayList<>();
    private long count;

    MismatchLog(int cap) {
        this.cap = cap;
    }

    void add(String device, Long seq, long envelopeId, String table, String row, String field, Object stored, Object derived) {
        count++;
        if (kept.size() < cap) {
            kept.add(new Mismatch(device, seq, envelopeId, table, row, field, cut(stored), cut(derived)));
        }
    }

    long count() {
        return count;
    }

    List<Mismatch> kept() {
        return List.copyOf(kept);
    }

    private static String cut(Object value) {
        String s = String.valueOf(value);
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "... (" + s.length() + " characters)";
    }
}
