package org.prooftrail.api.page;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.api.provenance.Memo;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * The page's fragments of the events that several packs of a custody part share (a lot's shipping,
 * receiving, its pallet's packing: most of a journey), rendered once when the lot is assembled:
 * each event's entry in the timeline per language and in the page's data. A page copies them in and
 * renders only its pack's own events (its commissioning, say). Filled before the journeys are kept
 * and never written after, so that a lookup adds nothing to the long-lived objects (a reference from
 * them to something new is work for every young collection, docs/benchmarks.md).
 */
final class SharedEvents {
    private static final String KEY = "shared-events";

    private final Map<TimelineEvent, byte[]> shown = new HashMap<>();
    private final Map<String, Map<TimelineEvent, byte[]>> timeline = new HashMap<>();

    private SharedEvents() {
    }

    /** Renders, for each custody part among {@code journeys}, the events more than one of its packs has. */
    static void prepare(List<Provenance> journeys, List<String> languages) {
        Map<Memo, List<Provenance>> parts = new IdentityHashMap<>();
        for (Provenance p : journeys) {
            if (p.memo() != null && p.events() != null) {
                parts.computeIfAbsent(p.memo(), m -> new java.util.ArrayList<>()).add(p);
            }
        }
        parts.forEach((memo, packs) -> {
            if (packs.size() > 1) {
                memo.get(KEY, () -> of(packs, languages));
            }
        });
    }

    private static SharedEvents of(List<Provenance> packs, List<String> languages) {
        Map<TimelineEvent, Integer> seen = new HashMap<>();
        packs.forEach(p -> p.events().forEach(e -> seen.merge(e, 1, Integer::sum)));
        SharedEvents s = new SharedEvents();
        for (String lang : languages) {
            s.timeline.put(lang, new HashMap<>());
        }
        StringBuilder b = new StringBuilder(512);
        for (Provenance p : packs) {
            for (TimelineEvent e : p.events()) {
                if (seen.get(e) < 2 || s.shown.containsKey(e)) {
                    continue;
                }
                b.setLength(0);
                ShownData.event(b, e);
                s.shown.put(e, utf8(b));
                for (String lang : languages) {
                    b.setLength(0);
                    ConsumerPage.timelineEntry(b, PageText.of(lang), p, e);
                    s.timeline.get(lang).put(e, utf8(b));
                }
            }
        }
        return s;
    }

    /** The shared fragments of {@code p}'s custody part, or null when none were prepared. */
    static SharedEvents of(Provenance p) {
        return p.memo() == null ? null : p.memo().find(KEY);
    }

    /** The event's entry in the page's data, or null when it is not shared. */
    byte[] shown(TimelineEvent e) {
        return shown.get(e);
    }

    /** The event's entry in the timeline in {@code lang}, or null when it is not shared. */
    byte[] timeline(TimelineEvent e, String lang) {
        Map<TimelineEvent, byte[]> in = timeline.get(lang);
        return in == null ? null : in.get(e);
    }

    private static byte[] utf8(StringBuilder b) {
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
