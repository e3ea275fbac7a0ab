package org.prooftrail.api.provenance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.store.journey.CustodyWindow;

class RecentReadingsTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final String FRIDGE = "https://id.gs1.org/414/6904000200009";

    private static Series series(Instant to) {
        return new Series("fridge-1", FRIDGE, T0, to, List.of(new Sample(T0.plusSeconds(60), 5.0, 1)));
    }

    @Test
    void aWindowIsKeptNoLongerThanTheInterval() {
        RecentReadings recent = new RecentReadings(Duration.ofMillis(300), 1000);
        CustodyWindow closed = new CustodyWindow(FRIDGE, T0, T0.plusSeconds(3600), false, List.of());
        recent.keep(closed, List.of("fridge-1"), List.of(series(closed.to())));
        assertEquals(List.of("fridge-1"), recent.window(closed).orElseThrow().devices());
        // another end is another window
        assertTrue(recent.window(new CustodyWindow(FRIDGE, T0, T0.plusSeconds(60), false, List.of())).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> recent.window(closed).isEmpty());
    }

    @Test
    void anOpenWindowIsNeverKeptSinceItGainsReadingsTheEvidenceWouldShow() {
        RecentReadings recent = new RecentReadings(Duration.ofSeconds(30), 1000);
        CustodyWindow open = new CustodyWindow(FRIDGE, T0, T0.plusSeconds(7200), true, List.of());
        recent.keep(open, List.of("fridge-1"), List.of(series(open.to())));
        assertTrue(recent.window(open).isEmpty());
        assertTrue(recent.window(new CustodyWindow(FRIDGE, T0, T0.plusSeconds(7200), false, List.of())).isEmpty(),
                "nor served as the closed window of the same span");
    }

    @Test
    void placesWithoutANameAreKeptAsSuchAndNothingIsKeptWithoutAnInterval() {
        RecentReadings recent = new RecentReadings(Duration.ofSeconds(30), 1000);
        recent.keepPlaces(List.of(FRIDGE, "urn:nowhere"), Map.of(FRIDGE, "Pharmacy"));
        assertEquals("Pharmacy", recent.place(FRIDGE).orElseThrow());
        assertTrue(recent.place("urn:nowhere").isEmpty());
        assertNull(recent.place("urn:unasked"));
        CustodyWindow w = new CustodyWindow(FRIDGE, T0, T0.plusSeconds(60), false, List.of());
        RecentReadings.NONE.keep(w, List.of("fridge-1"), List.of(series(w.to())));
        assertTrue(RecentReadings.NONE.window(w).isEmpty());
        assertNull(RecentReadings.NONE.place(FRIDGE));
    }
}
