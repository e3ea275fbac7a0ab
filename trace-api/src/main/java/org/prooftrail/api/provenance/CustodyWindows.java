package org.prooftrail.api.provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.store.journey.CustodyReadings;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.TimelineEvent;

/**
 * Custody windows: each event of the goods themselves (item, lot, container) that puts them at a
 * location (bizLocation, else readPoint) starts a window that lasts until the next such event at
 * another location, or until {@code end} (dispensing, or now). Events of inputs (the farm before a
 * transformation) do not count: the product's rule applies from the product's own start. The
 * readings of devices whose {@code device.location} is that location during the window apply
 * ({@link CustodyReadings} reads them).
 */
public final class CustodyWindows {
    private CustodyWindows() {
    }

    /** Pure: the windows the events describe, merged when consecutive events stay at one place. */
    public static List<CustodyWindow> windows(List<TimelineEvent> events, Instant end, boolean open) {
        List<CustodyWindow> out = new ArrayList<>();
        String at = null;
        Instant since = null;
        for (TimelineEvent e : events) {
            if ("input".equals(e.via()) || e.location() == null || !e.time().isBefore(end)) {
                continue;
            }
            if (e.location().equals(at)) {
                continue;
            }
            if (at != null && e.time().isAfter(since)) {
                out.add(new CustodyWindow(at, since, e.time(), false, List.of()));
            }
            at = e.location();
            since = e.time();
        }
        if (at != null && end.isAfter(since)) {
            out.add(new CustodyWindow(at, since, end, open, List.of()));
        }
        return out;
    }
}
