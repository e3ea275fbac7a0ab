package org.prooftrail.store.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.prooftrail.store.journey.JourneySeed.FACTORY;
import static org.prooftrail.store.journey.JourneySeed.ITEM;
import static org.prooftrail.store.journey.JourneySeed.LOT;
import static org.prooftrail.store.journey.JourneySeed.PHARMACY;
import static org.prooftrail.store.journey.JourneySeed.TRUCK;
import static org.prooftrail.store.journey.JourneySeed.at;
import static org.prooftrail.store.journey.JourneySeed.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * The edges of the journey's one recursive statement: spellings of one code, a case in a pallet,
 * a case unpacked and packed again, several journeys in one statement; and the readings statement
 * naming the places.
 */
class JourneyEventsTest {
    private static final String R1 = "urn:epc:id:sgtin:0614141.012345.R1";
    private static final String R1_LINK = "https://id.example/01/00614141123452/10/L1/21/R1";
    private static final String CASE2 = "urn:epc:id:sscc:0614141.2222222222";
    private static final String PALLET = "urn:epc:id:sscc:0614141.3333333333";
    private static final String AGG = "{\"type\":\"AggregationEvent\"}";
    private static final String OBJ = "{\"type\":\"ObjectEvent\"}";
    private static Database db;

    @BeforeAll
    static void seed() throws SQLException {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        try (Connection c = db.connection()) {
            JourneySeed.write(c);
            event(c, 20, "e20-commissioned-by-link", "maker", "ObjectEvent", "ADD", at(10), FACTORY, FACTORY, null, OBJ,
                    R1_LINK, "epc");
            event(c, 21, "e21-packed", "maker", "AggregationEvent", "ADD", at(11), FACTORY, FACTORY, null, AGG,
                    CASE2, "parent", R1, "child");
            event(c, 22, "e22-case-on-pallet", "maker", "AggregationEvent", "ADD", at(12), FACTORY, FACTORY, null, AGG,
                    PALLET, "parent", CASE2, "child");
            event(c, 23, "e23-pallet-shipped", "carrier", "ObjectEvent", "OBSERVE", at(13), TRUCK, TRUCK, null, OBJ,
                    PALLET, "epc");
            event(c, 28, "e28-pallet-broken-up", "carrier", "AggregationEvent", "DELETE", at(13.5), TRUCK, TRUCK, null, AGG,
                    PALLET, "parent", CASE2, "child");
            event(c, 24, "e24-unpacked", "maker", "AggregationEvent", "DELETE", at(14), PHARMACY, PHARMACY, null, AGG,
                    CASE2, "parent", R1, "child");
            event(c, 25, "e25-case-alone", "carrier", "ObjectEvent", "OBSERVE", at(15), TRUCK, TRUCK, null, OBJ,
                    CASE2, "epc");
            event(c, 26, "e26-packed-again", "maker", "AggregationEvent", "ADD", at(16), PHARMACY, PHARMACY, null, AGG,
                    CASE2, "parent", R1, "child");
            event(c, 27, "e27-case-moved-again", "carrier", "ObjectEvent", "OBSERVE", at(17), TRUCK, TRUCK, null, OBJ,
                    CASE2, "epc");
            event(c, 29, "e29-pallet-reused", "carrier", "ObjectEvent", "OBSERVE", at(18), TRUCK, TRUCK, null, OBJ,
                    PALLET, "epc");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everySpellingContainersTwoLevelsDeepAndEachPackingWindowAreOnTheJourney() throws SQLException {
        try (Connection c = db.connection()) {
            List<TimelineEvent> events = JourneyEvents.of(c, Set.of(R1, R1_LINK), Set.of());
            assertEquals(List.of("e20-commissioned-by-link item", "e21-packed item", "e22-case-on-pallet container",
                            "e23-pallet-shipped container", "e28-pallet-broken-up container", "e24-unpacked item",
                            "e26-packed-again item", "e27-case-moved-again container"),
                    events.stream().map(e -> e.eventId() + " " + e.via()).toList(),
                    "the case alone between unpacking and packing again, and the pallet after it was broken up, are left out");
            List<String> expected = events.stream().map(e -> e.eventId() + " " + e.via()).toList();
            for (String one : List.of(R1, R1_LINK, "https://id.gs1.org/01/00614141123452/21/R1", "urn:epc:id:sgtin:061414112.0345.R1")) {
                assertEquals(expected, JourneyEvents.of(c, Set.of(one), Set.of()).stream().map(e -> e.eventId() + " " + e.via())
                        .toList(), "any one spelling finds the events of every spelling: " + one);
            }
            assertEquals(List.of(), JourneyEvents.of(c, Set.of("urn:epc:id:sgtin:0614141.012345.R2"), Set.of()));
        }
    }

    @Test
    void severalJourneysInOneStatementAreEachTheirOwn() throws SQLException {
        try (Connection c = db.connection()) {
            JourneyEvents.Codes first = new JourneyEvents.Codes(Set.of(ITEM), Set.of(LOT));
            JourneyEvents.Codes second = new JourneyEvents.Codes(Set.of(R1_LINK), Set.of());
            JourneyEvents.Codes none = new JourneyEvents.Codes(Set.of(), Set.of("urn:epc:class:lgtin:0614141.012345.NONE"));
            List<List<TimelineEvent>> both = JourneyEvents.of(c, List.of(first, none, second));
            assertEquals(JourneyEvents.of(c, Set.of(ITEM), Set.of(LOT)), both.get(0));
            assertEquals(List.of(), both.get(1));
            assertEquals(JourneyEvents.of(c, Set.of(R1), Set.of()), both.get(2));
            assertEquals("e6-transformation lot", both.get(0).get(1).eventId() + " " + both.get(0).get(1).via(),
                    "the transformation names the lot only");
        }
    }

    @Test
    void theReadingsStatementNamesThePlacesAskedFor() throws SQLException {
        try (Connection c = db.connection()) {
            CustodyReadings.Found found = CustodyReadings.during(c,
                    List.of(new CustodyWindow(TRUCK, at(3), at(5), false, List.of()),
                            new CustodyWindow(TRUCK, at(5), at(7), true, List.of())),
                    List.of(FACTORY, TRUCK, PHARMACY));
            assertEquals(Map.of(FACTORY, "Maker Ltd", TRUCK, "Carrier"), found.places(),
                    "places named by the organisation of all their devices; the pharmacy has none");
            assertEquals(2, found.readings().size(), "one series per window and device");
            assertEquals(List.of(at(4)), found.readings().get(0).samples().stream().map(s -> s.time()).toList());
            assertEquals(List.of(at(6)), found.readings().get(1).samples().stream().map(s -> s.time()).toList());
            assertEquals(new CustodyReadings.Found(List.of(), List.of(), Map.of(), Map.of()), CustodyReadings.during(c, List.of(), List.of()));
        }
    }
}
