package org.prooftrail.store.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.epcis.EventHashId;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration V18 gives every event stored before it its CBV 2.0 event hash ID, the same the store's
 * writer computes for new events, and indexes it; what is not a hash ID is refused.
 */
class EventHashIdMigrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(EventHashIdMigrationTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** More than one back-fill batch; -Dpt.test.hashBackfillRows=... to measure on more. */
    private static final int ROWS = Integer.getInteger("pt.test.hashBackfillRows", 2_500);

    @Test
    void existingEventsAreBackFilledAndIndexed() throws Exception {
        DatabaseSettings settings = TestServices.freshDatabase();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("16").load().migrate();
        try (Database db = Database.open(settings)) {
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO organisation (id, name) VALUES ('mig-org', 'Migration Org')");
                // a document per row: the serial, the offset spelling and (every 7th) an eventID differ
                st.execute("INSERT INTO epcis_event (event_id, org_id, event_type, action, event_time, event_time_zone_offset, doc) "
                        + "SELECT 'urn:uuid:mig-' || i, 'mig-org', 'ObjectEvent', 'OBSERVE', '2024-05-01T08:00:00Z', '+02:00', "
                        + "jsonb_build_object('type', 'ObjectEvent', 'eventTime', '2024-05-01T10:00:00+02:00', "
                        + "'eventTimeZoneOffset', '+02:00', 'action', 'OBSERVE', 'bizStep', 'shipping', "
                        + "'epcList', jsonb_build_array('urn:epc:id:sgtin:0614141.107346.' || i), "
                        + "'example:n', i * 1.50) || CASE WHEN i % 7 = 0 THEN jsonb_build_object('eventID', 'urn:uuid:mig-' || i) "
                        + "ELSE '{}'::jsonb END FROM generate_series(1, " + ROWS + ") i");
            }
            long start = System.nanoTime();
            db.migrate();
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("V18 back-filled {} events in {} ms ({} events/s)", ROWS, millis, ROWS * 1000L / Math.max(1, millis));
            Map<String, String> stored = new HashMap<>();
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT doc::text, hash_id FROM epcis_event WHERE org_id = 'mig-org'")) {
                while (rs.next()) {
                    String expected = EventHashId.of(JSON.readTree(rs.getString(1))).uri();
                    assertEquals(expected, rs.getString(2), rs.getString(1));
                    stored.put(rs.getString(2), rs.getString(1));
                }
            }
            assertEquals(ROWS, stored.size(), "every row has its own hash ID");
            String one = stored.keySet().iterator().next();
            try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                    "EXPLAIN (FORMAT TEXT) SELECT id FROM epcis_event WHERE hash_id = ?")) {
                st.setString(1, one);
                StringBuilder plan = new StringBuilder();
                try (Statement off = c.createStatement()) {
                    off.execute("SET enable_seqscan = off");
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("epcis_event_hash_id_idx"), plan.toString());
            }
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> st.execute(
                        "UPDATE epcis_event SET hash_id = 'urn:uuid:not-a-hash' WHERE event_id = 'urn:uuid:mig-1'"));
                assertTrue(refused.getMessage().contains("epcis_event_hash_id_form"), refused.getMessage());
            }
        }
    }
    /** V41's cheaper check takes exactly what V18's regular expression took. */
    @Test
    void onlyTheHashIdFormIsTaken() throws Exception {
        String hex = "0003deb1f9fd61eb62f6e1598295a38901657890bb7fee5baaef9842cb36e3dd";
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO organisation (id, name) VALUES ('form-org', 'Form Org')");
                st.execute("INSERT INTO epcis_event (event_id, org_id, event_type, event_time, event_time_zone_offset, doc) "
                        + "VALUES ('urn:uuid:form-1', 'form-org', 'ObjectEvent', now(), '+00:00', '{}')");
            }
            for (String taken : new String[] {"ni:///sha-256;" + hex + "?ver=CBV2.0", "ni:///sha-256;" + hex + "?ver=CBV2.0.1",
                    "ni:///sha-256;" + hex + "?ver=CBV10.12"}) {
                assertEquals(1, setHashId(db, taken), taken);
            }
            for (String refused : new String[] {"ni:///sha-256;" + hex.substring(1) + "?ver=CBV2.0",
                    "ni:///sha-256;" + hex + "0?ver=CBV2.0", "ni:///sha-256;" + hex.toUpperCase() + "?ver=CBV2.0",
                    "ni:///sha-256;" + hex + "?ver=CBV2", "ni:///sha-256;" + hex + "?ver=CBV2.0.", "ni:///sha-256;" + hex + "?ver=CBV2.0\n",
                    "ni:///sha-256;" + hex.substring(0, 63) + "?" + "?ver=CBV2.0", "ni:///sha-512;" + hex + "?ver=CBV2.0", "ni:///sha-256;" + hex}) {
                SQLException e = assertThrows(SQLException.class, () -> setHashId(db, refused), refused);
                assertTrue(e.getMessage().contains("epcis_event_hash_id_form"), e.getMessage());
            }
        }
    }

    private static int setHashId(Database db, String hashId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE epcis_event SET hash_id = ? WHERE event_id = 'urn:uuid:form-1'")) {
            st.setString(1, hashId);
            return st.executeUpdate();
        }
    }
}
