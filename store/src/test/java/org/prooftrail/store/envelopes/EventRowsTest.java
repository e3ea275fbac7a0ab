package org.prooftrail.store.envelopes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.Database;
import org.prooftrail.embedded.testing.TestServices;

/** The EPC index names every identifier of an event with its role, quantity classes included. */
class EventRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quantityClassesOfChildInputAndOutputListsKeepTheirDirection() throws Exception {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            SigningDevice d = new SigningDevice("proc", "line-1").register(db.dataSource());
            ObjectNode e = JSON.createObjectNode().put("type", "TransformationEvent")
                    .put("eventID", "urn:uuid:6e3c9b1e-0000-4000-8000-000000000001")
                    .put("eventTime", "2026-06-01T08:00:00Z").put("eventTimeZoneOffset", "+00:00");
            e.putArray("inputQuantityList").addObject().put("epcClass", "urn:epc:class:lgtin:4012345.012345.H1")
                    .put("quantity", 500).put("uom", "KGM");
            e.putArray("outputQuantityList").addObject().put("epcClass", "urn:epc:class:lgtin:4012345.022222.P1")
                    .put("quantity", 400).put("uom", "KGM");
            e.putArray("outputEPCList").add("urn:epc:id:sgtin:4012345.022222.1");
            byte[] jws = d.event(Instant.parse("2026-06-01T08:00:01Z"), e);
            new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000)
                    .write(List.of(d.overMqtt(jws)));
            Set<String> rows = new TreeSet<>();
            try (Connection c = db.connection();
                 PreparedStatement st = c.prepareStatement("SELECT role || ' ' || epc || ' ' || epc_key FROM event_epc");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            // each with its key, the canonical Digital Link lookups match on
            String h1 = " https://id.gs1.org/01/04012345123456/10/H1", p1 = " https://id.gs1.org/01/04012345222227/10/P1";
            assertEquals(new TreeSet<>(Set.of(
                    "input urn:epc:class:lgtin:4012345.012345.H1" + h1, "quantity urn:epc:class:lgtin:4012345.012345.H1" + h1,
                    "output urn:epc:class:lgtin:4012345.022222.P1" + p1, "quantity urn:epc:class:lgtin:4012345.022222.P1" + p1,
                    "output urn:epc:id:sgtin:4012345.022222.1 https://id.gs1.org/01/04012345222227/21/1")), rows);
        }
    }

    /** The events' JSON texts travel to PostgreSQL in one parameter, split on a control character: data holding one stays whole. */
    @Test
    void eachEventOfABatchIsStoredAsItsOwnJsonWhateverCharactersItHolds() throws Exception {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            SigningDevice d = new SigningDevice("proc", "line-2").register(db.dataSource());
            List<ObjectNode> events = new java.util.ArrayList<>();
            for (String note : List.of("plain", "record\u001eseparator", "unit\u001fseparator, tab\t, line\n, quote \" and \\", "")) {
                events.add(JSON.createObjectNode().put("type", "ObjectEvent").put("action", "OBSERVE")
                        .put("eventID", "urn:uuid:6e3c9b1e-0000-4000-8000-00000000010" + events.size())
                        .put("eventTime", "2026-06-01T08:00:00Z").put("eventTimeZoneOffset", "+00:00")
                        .put("example:note", note));
                events.get(events.size() - 1).putArray("epcList").add("urn:epc:id:sgtin:4012345.022222." + events.size());
            }
            List<AcceptedEnvelope> batch = new java.util.ArrayList<>();
            for (ObjectNode e : events) {
                batch.add(d.overMqtt(d.event(Instant.parse("2026-06-01T08:00:01Z"), e)));
            }
            BatchOutcome outcome = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000).write(batch);
            assertEquals(events.size(), outcome.events());
            List<com.fasterxml.jackson.databind.JsonNode> stored = new java.util.ArrayList<>();
            try (Connection c = db.connection();
                 PreparedStatement st = c.prepareStatement("SELECT doc::text FROM epcis_event ORDER BY id");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(JSON.readTree(rs.getString(1)));
                }
            }
            assertEquals(events, stored);
        }
    }
}
