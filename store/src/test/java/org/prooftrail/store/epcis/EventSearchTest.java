package org.prooftrail.store.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.testing.SigningDevice;

/** Event queries against the real PostgreSQL: conditions, organisation scope and keyset pages. */
class EventSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SGTIN = "urn:epc:id:sgtin:4012345.011111.";
    /** The GTIN of SGTIN: indicator 0, company prefix 4012345, item reference 11111, check digit 8. */
    private static final String GTIN = "04012345111118";

    private static Database db;
    private static EventSearch search;

    @BeforeAll
    static void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        search = new EventSearch(db.dataSource());
        SigningDevice farm = new SigningDevice("farm", "farm-gw").register(db.dataSource());
        SigningDevice shop = new SigningDevice("shop", "shop-gw").register(db.dataSource());
        BatchWriter writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000);
        writer.write(List.of(
                farm.overMqtt(farm.event(Instant.parse("2026-06-01T08:00:01Z"), event("e1", "2026-06-01T08:00:00Z", "commissioning", SGTIN + "1", null))),
                farm.overMqtt(farm.event(Instant.parse("2026-06-01T09:00:01Z"), event("e2", "2026-06-01T09:00:00Z", "shipping", SGTIN + "1", 9.5))),
                farm.overMqtt(farm.event(Instant.parse("2026-06-01T10:00:01Z"), event("e3", "2026-06-01T10:00:00Z", "shipping", SGTIN + "2", 4.0))),
                shop.overMqtt(shop.event(Instant.parse("2026-06-01T11:00:01Z"), event("e4", "2026-06-01T11:00:00Z", "receiving", SGTIN + "1", null)))));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void conditionsSelectAndTheNewestComesFirst() throws Exception {
        assertEquals(List.of("e4", "e3", "e2", "e1"), ids(search.page(new EventFilter(), null, null, 10)));
        assertEquals(List.of("e3", "e2"), ids(search.page(new EventFilter().anyOf(EventFilter.Field.BIZ_STEP,
                List.of("shipping")), null, null, 10)));
        assertEquals(List.of("e1", "e2", "e4"), ids(search.page(new EventFilter().names(List.of("epc"), List.of(SGTIN + "1"), List.of(),
                List.of()).orderBy(EventFilter.Time.EVENT_TIME, false), null, null, 10)));
        String link = "https://id.example.com/01/" + GTIN + "/10/ANY/21/1";
        assertEquals(List.of("e1", "e2", "e4"), ids(search.page(new EventFilter().names(List.of("epc"), List.of(link), List.of(),
                List.of()).orderBy(EventFilter.Time.EVENT_TIME, false), null, null, 10)), "a Digital Link finds the URN's events");
        assertEquals(List.of("e3"), ids(search.page(new EventFilter().names(List.of("epc"), List.of(),
                List.of("^urn:epc:id:sgtin:4012345\\.011111\\.2$"), List.of()), null, null, 10)), "patterns are regular expressions");
        assertEquals(List.of("e3"), ids(search.page(new EventFilter().names(List.of("epc"), List.of(), List.of(),
                List.of("^https://id\\.gs1\\.org/01/" + GTIN + "/21/2$")), null, null, 10)), "key patterns match stored keys");
        assertEquals(List.of(), ids(search.page(new EventFilter().names(List.of("parent"), List.of(link), List.of(), List.of()),
                null, null, 10)), "roles still apply");
        assertEquals(List.of("e3", "e2"), ids(search.page(new EventFilter()
                .atOrAfter(EventFilter.Time.EVENT_TIME, Instant.parse("2026-06-01T09:00:00Z"))
                .before(EventFilter.Time.EVENT_TIME, Instant.parse("2026-06-01T11:00:00Z")), null, null, 10)));
        assertEquals(List.of("e2"), ids(search.page(new EventFilter().sensorReports(List.of("Temperature"),
                List.of(new EventFilter.SensorBound("value", ">", "CEL", new BigDecimal("8")))), null, null, 10)),
                "type, unit and bound hold for one and the same report");
        assertEquals(List.of(), ids(search.page(new EventFilter().sensorReports(List.of("Humidity"),
                List.of(new EventFilter.SensorBound("value", ">", "CEL", new BigDecimal("8")))), null, null, 10)));
    }

    @Test
    void aCompanySeesOnlyItsOwnEvents() throws Exception {
        assertEquals(List.of("e4"), ids(search.page(new EventFilter(), "shop", null, 10)));
        assertTrue(search.byEventId("urn:test:e4", "shop").isPresent());
        assertFalse(search.byEventId("urn:test:e1", "shop").isPresent(), "another organisation's event is not there");
        assertTrue(search.byEventId("urn:test:e1", null).isPresent(), "a regulator sees every organisation's");
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrRepeat() throws Exception {
        EventFilter all = new EventFilter();
        EventSearch.Page first = search.page(all, null, null, 3);
        assertTrue(first.more());
        assertEquals(List.of("e4", "e3", "e2"), ids(first));
        EventSearch.Row last = first.rows().get(2);
        EventSearch.Page second = search.page(all, null, new EventSearch.After(last.sortMicros(), last.id()), 3);
        assertFalse(second.more());
        assertEquals(List.of("e1"), ids(second));
    }

    private static ObjectNode event(String id, String time, String bizStep, String epc, Double temperature) {
        ObjectNode e = JSON.createObjectNode().put("type", "ObjectEvent").put("eventID", "urn:test:" + id)
                .put("eventTime", time).put("eventTimeZoneOffset", "+00:00").put("action", "OBSERVE")
                .put("bizStep", bizStep);
        e.putArray("epcList").add(epc);
        if (temperature != null) {
            e.putArray("sensorElementList").addObject().putArray("sensorReport").addObject()
                    .put("type", "gs1:Temperature").put("value", temperature).put("uom", "CEL");
        }
        return e;
    }

    private static List<String> ids(EventSearch.Page page) {
        return page.rows().stream().map(r -> r.eventId().substring("urn:test:".length())).toList();
    }
}
