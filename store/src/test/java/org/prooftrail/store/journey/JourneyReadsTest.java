package org.prooftrail.store.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.store.journey.JourneySeed.CASE;
import static org.prooftrail.store.journey.JourneySeed.CN_CODE;
import static org.prooftrail.store.journey.JourneySeed.FACTORY;
import static org.prooftrail.store.journey.JourneySeed.FARM;
import static org.prooftrail.store.journey.JourneySeed.FARM_LOT;
import static org.prooftrail.store.journey.JourneySeed.GTIN;
import static org.prooftrail.store.journey.JourneySeed.ITEM;
import static org.prooftrail.store.journey.JourneySeed.LOT;
import static org.prooftrail.store.journey.JourneySeed.TRUCK;
import static org.prooftrail.store.journey.JourneySeed.UNBANDED_GTIN;
import static org.prooftrail.store.journey.JourneySeed.at;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.core.trace.TraceWalk;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** What consumer lookups, excursion reports and traces read, against a small journey in PostgreSQL. */
class JourneyReadsTest {
    private static Database db;

    @BeforeAll
    static void seed() throws SQLException {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        try (Connection c = db.connection()) {
            JourneySeed.write(c);
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void productsLotsAndItemsAreFoundByTheirCodes() throws SQLException {
        try (Connection c = db.connection()) {
            Product p = RegisteredCodes.product(c, GTIN).orElseThrow();
            assertEquals("Vaccine", p.name());
            assertEquals("maker", p.orgId());
            assertEquals("Maker Ltd", p.orgName());
            assertEquals("1234567", p.cnDrugId());
            assertEquals(2.0, p.rule().minC());
            assertEquals(8.0, p.rule().maxC());
            assertEquals(Duration.ofMinutes(30), p.rule().maxSingle());
            assertEquals(Duration.ofHours(1), p.rule().maxTotal());
            Product unbanded = RegisteredCodes.product(c, UNBANDED_GTIN).orElseThrow();
            assertNull(unbanded.rule().minC());
            assertNull(unbanded.rule().maxSingle());
            assertTrue(RegisteredCodes.product(c, "00000000000000").isEmpty());

            Lot lot = RegisteredCodes.lot(c, GTIN, "L1").orElseThrow();
            assertEquals(JourneySeed.T0, lot.producedAt());
            assertEquals(LocalDate.parse("2027-03-01"), lot.expiresOn());
            Lot bare = RegisteredCodes.lot(c, GTIN, "L2").orElseThrow();
            assertNull(bare.producedAt());
            assertNull(bare.expiresOn());
            assertTrue(RegisteredCodes.lot(c, GTIN, "L3").isEmpty());

            Item item = RegisteredCodes.item(c, GTIN, "S1").orElseThrow();
            assertEquals("L1", item.lot());
            assertEquals(CN_CODE, item.cnCode());
            assertEquals("active", item.status());
            assertNull(item.dispensedAt());
            assertTrue(RegisteredCodes.item(c, GTIN, "S2").orElseThrow().retired());
            assertTrue(RegisteredCodes.item(c, GTIN, "S3").isEmpty());
            assertEquals(item, RegisteredCodes.itemByChinaCode(c, CN_CODE).orElseThrow());
            assertTrue(RegisteredCodes.itemByChinaCode(c, "81234567890123456780").isEmpty());

            assertEquals(List.of(new RegisteredCodes.ItemCode("S1", "https://id.example/01/" + GTIN + "/10/L1/21/S1"),
                    new RegisteredCodes.ItemCode("S2", "https://id.example/01/" + GTIN + "/10/L1/21/S2")),
                    RegisteredCodes.itemsOfLot(c, GTIN, "L1", 200));
            assertEquals(List.of("S1"), RegisteredCodes.itemsOfLot(c, GTIN, "L1", 1).stream()
                    .map(RegisteredCodes.ItemCode::serial).toList(), "registration order, up to the limit");
        }
    }

    @Test
    void anItemsJourneyHasItsOwnEventsItsLotsItsCaseWhileItHeldTheItemAndTheInputsOfItsLot() throws SQLException {
        try (Connection c = db.connection()) {
            List<TimelineEvent> events = JourneyEvents.of(c, Set.of(ITEM), Set.of(LOT));
            assertEquals(List.of("e7-planting input", "e6-transformation lot", "e1-commissioning item", "e2-packing item",
                            "e3-shipping container", "e4-unpacking item"),
                    events.stream().map(e -> e.eventId() + " " + e.via()).toList(),
                    "the case's event after unpacking and the farm lot's event after the transformation are left out");
            TimelineEvent commissioning = events.get(2);
            assertEquals("Maker Ltd", commissioning.orgName());
            assertEquals("fridge-1", commissioning.device());
            assertEquals(7L, commissioning.seq());
            assertEquals(FACTORY, commissioning.location());
            assertEquals(at(1), commissioning.time());
            assertEquals("+00:00", commissioning.timeZoneOffset());
            TimelineEvent shipping = events.get(4);
            assertEquals("Carrier", shipping.orgName());
            assertNull(shipping.device());
            assertNull(shipping.seq());
        }
    }

    @Test
    void aLotsJourneyWithoutItemsHasTheLotsEventsAndItsInputs() throws SQLException {
        try (Connection c = db.connection()) {
            assertEquals(List.of("e7-planting input", "e6-transformation lot"),
                    JourneyEvents.of(c, Set.of(), Set.of(LOT)).stream().map(e -> e.eventId() + " " + e.via()).toList());
            assertEquals(List.of(), JourneyEvents.of(c, Set.of(), Set.of("urn:epc:class:lgtin:0614141.012345.NONE")));
        }
    }

    @Test
    void custodyReadingsAreTheTemperaturesOfTheDevicesAtEachWindowsLocation() throws SQLException {
        List<CustodyWindow> windows = List.of(new CustodyWindow(FACTORY, at(1), at(3), false, List.of()),
                new CustodyWindow(TRUCK, at(3), at(5), true, List.of()));
        try (Connection c = db.connection()) {
            CustodyReadings.Found found = CustodyReadings.during(c, windows);
            assertEquals(List.of(new CustodyWindow(FACTORY, at(1), at(3), false, List.of("fridge-1", "fridge-2")),
                    new CustodyWindow(TRUCK, at(3), at(5), true, List.of("logger-1"))), found.windows());
            Map<String, List<Sample>> samples = found.readings().stream()
                    .collect(Collectors.toMap(Series::device, Series::samples));
            assertEquals(3, found.readings().size());
            assertEquals(List.of(new Sample(at(1), 4.0, 7), new Sample(at(2), 9.5, 7)), samples.get("fridge-1"),
                    "readings without a temperature and at the window's end are left out; each carries its envelope's seq");
            assertEquals(List.of(), samples.get("fridge-2"));
            assertEquals(List.of(new Sample(at(4), 3.0, 7)), samples.get("logger-1"));
            Series truck = found.readings().get(2);
            assertEquals(TRUCK, truck.location());
            assertEquals(at(3), truck.from());
            assertEquals(at(5), truck.to());
        }
    }

    @Test
    void coldChainLotsAreThoseWithATemperatureBandNewestFirst() throws SQLException {
        try (Connection c = db.connection()) {
            assertEquals(List.of(new ColdChainLots.LotCode(GTIN, "L2"), new ColdChainLots.LotCode(GTIN, "L1")),
                    ColdChainLots.newestFirst(c, null, null, 10));
            assertEquals(List.of(new ColdChainLots.LotCode(GTIN, "L2")), ColdChainLots.newestFirst(c, null, null, 1));
            assertEquals(2, ColdChainLots.newestFirst(c, GTIN, "maker", 10).size());
            assertEquals(List.of(), ColdChainLots.newestFirst(c, UNBANDED_GTIN, null, 10));
            assertEquals(List.of(), ColdChainLots.newestFirst(c, null, "carrier", 10));
        }
    }

    @Test
    void traceEventsNameNodesInEverySpellingAndFindTheOrganisationsThatNamedThem() throws SQLException {
        TraceId item = TraceId.parse(ITEM);
        TraceId lot = TraceId.parse(LOT);
        try (Connection c = db.connection()) {
            assertEquals(Set.of("maker"), TraceEvents.orgsNaming(c, item));
            assertEquals(Set.of("farmco", "maker"), TraceEvents.orgsNaming(c, lot),
                    "the farm's transformation names the lot; the maker's commissioning names it in its ILMD");
            assertEquals(Set.of(), TraceEvents.orgsNaming(c, TraceId.parse("urn:epc:id:sgtin:0614141.012345.NONE")));

            TraceEvents.Naming naming = TraceEvents.naming(c, List.of(item, TraceId.parse(CASE)));
            assertFalse(naming.cut());
            assertEquals(List.of("e1-commissioning", "e2-packing", "e4-unpacking"),
                    naming.byNode().get(item.key()).stream().map(NamedEvent::eventId).toList());
            assertEquals(Set.of(ITEM), naming.spellings().get(item.key()));
            List<NamedEvent> caseEvents = naming.byNode().get(TraceId.parse(CASE).key());
            assertEquals(List.of("e2-packing", "e3-shipping", "e4-unpacking", "e5-case-reused"),
                    caseEvents.stream().map(NamedEvent::eventId).toList());
            NamedEvent shipping = caseEvents.get(1);
            assertEquals("carrier", shipping.org());
            assertEquals("ObjectEvent", shipping.type());
            assertEquals("OBSERVE", shipping.action());
            assertEquals(at(3), shipping.time());
            assertEquals(TRUCK, shipping.location());

            List<TraceEvents.PlotEvent> atFarm = TraceEvents.atPlots(c, List.of(FARM), at(0));
            assertEquals(List.of("e7-planting"), atFarm.stream().map(p -> p.event().eventId()).toList());
            assertTrue(atFarm.get(0).doc().contains(FARM_LOT), atFarm.get(0).doc());
        }
    }

    @Test
    void theTraceGraphFollowsPackingTransformationAndLotsInBothDirections() throws SQLException {
        TraceId item = TraceId.parse(ITEM);
        TraceId lot = TraceId.parse(LOT);
        TraceId farmLot = TraceId.parse(FARM_LOT);
        try (Connection c = db.connection()) {
            TraceGraph forward = new TraceGraph(c, TraceWalk.Direction.FORWARD);
            assertEquals(Set.of("contained in " + TraceId.parse(CASE).key() + " e2-packing",
                            "contained in " + TraceId.parse(CASE).key() + " e4-unpacking"),
                    links(forward.expand(List.of(item))));
            assertEquals(Set.of("transformed into " + lot.key() + " e6-transformation"), links(forward.expand(List.of(farmLot))));
            assertEquals(Set.of("lot of " + item.withLot("L1").key() + " e1-commissioning"), links(forward.expand(List.of(lot))),
                    "a lot leads to the items whose commissioning names it in its ILMD");

            TraceGraph back = new TraceGraph(c, TraceWalk.Direction.BACK);
            assertEquals(Set.of("made from " + farmLot.key() + " e6-transformation"), links(back.expand(List.of(lot))));
            assertEquals(Set.of("contains " + item.key() + " e2-packing", "contains " + item.key() + " e4-unpacking"),
                    links(back.expand(List.of(TraceId.parse(CASE)))));
            assertEquals(Set.of("item of " + item.lotOf("L1").key() + " e1-commissioning"), links(back.expand(List.of(item))));
        }
    }

    @Test
    void aLotsItemsAreFoundByTheirDigitalLinksThroughOneIndexRangePerLot() throws SQLException {
        try (Connection c = db.connection()) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET enable_seqscan = off"); // a tiny table: only say whether the index can serve the range
            }
            try (java.sql.PreparedStatement st = c.prepareStatement("EXPLAIN " + TraceGraph.ITEMS_CARRYING_LOTS)) {
                TraceId lot = TraceId.parse(LOT);
                st.setArray(1, c.createArrayOf("text", new String[] {lot.key()}));
                st.setArray(2, c.createArrayOf("text", new String[] {lot.itemLinkPrefix(TraceId.CANONICAL_BASE)}));
                StringBuilder plan = new StringBuilder();
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("event_epc_epc_bytes_idx"), plan.toString());
            } finally {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("RESET enable_seqscan");
                }
            }
        }
    }

    private static Set<String> links(List<TraceWalk.Link> links) {
        return links.stream().map(l -> l.relation() + " " + l.to().key() + " " + l.eventId()).collect(Collectors.toSet());
    }
}
