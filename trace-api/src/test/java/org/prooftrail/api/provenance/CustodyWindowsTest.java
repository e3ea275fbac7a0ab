package org.prooftrail.api.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.TimelineEvent;

/** Custody windows from events alone (no database). */
class CustodyWindowsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static TimelineEvent at(int hour, String readPoint, String bizLocation, String via) {
        return new TimelineEvent(hour, "e" + hour, "ObjectEvent", "OBSERVE", T0.plusSeconds(3600L * hour), "+00:00", "x",
                null, readPoint, bizLocation, "org", via, null, null);
    }

    @Test
    void eachMoveStartsAWindowUntilTheNext() {
        List<CustodyWindow> w = CustodyWindows.windows(List.of(
                at(0, "dock", "factory", "item"),
                at(1, "dock", "factory", "item"),      // same place: the window goes on
                at(2, "dock", "truck", "container"),
                at(3, "gate", null, "container"),       // no bizLocation: the read point counts
                at(4, null, null, "lot"),               // no location at all: ignored
                at(5, "x", "farm", "input")),           // inputs never start windows
                T0.plusSeconds(3600L * 10), true);
        assertEquals(3, w.size(), w.toString());
        assertEquals("factory", w.get(0).location());
        assertEquals(T0.plusSeconds(7200), w.get(0).to());
        assertFalse(w.get(0).open());
        assertEquals("truck", w.get(1).location());
        assertEquals("gate", w.get(2).location());
        assertEquals(T0.plusSeconds(36000), w.get(2).to());
        assertTrue(w.get(2).open());
    }

    @Test
    void eventsAfterTheEndDoNotCount() {
        List<CustodyWindow> w = CustodyWindows.windows(List.of(at(0, null, "pharmacy", "item"), at(5, null, "elsewhere", "item")),
                T0.plusSeconds(3600), false);
        assertEquals(1, w.size());
        assertEquals(T0.plusSeconds(3600), w.get(0).to());
    }
}
