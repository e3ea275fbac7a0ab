package org.prooftrail.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;

/** V19 on a database that already holds event_epc rows: every row gets the key ingest would write now. */
class EventEpcKeyMigrationTest {

    @Test
    void existingRowsAreKeyedAndLookupsUseTheKeyIndex() throws SQLException {
        DatabaseSettings settings = TestServices.freshDatabase();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("16").load().migrate();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("urn:epc:id:sgtin:0614141.812345.6789", "https://id.gs1.org/01/80614141123458/21/6789");
        keys.put("https://id.example.com/01/80614141123458/10/L1/21/6789", "https://id.gs1.org/01/80614141123458/21/6789");
        keys.put("urn:epc:class:lgtin:0614141.812345.L1", "https://id.gs1.org/01/80614141123458/10/L1");
        keys.put("urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908");
        keys.put("urn:epc:id:gid:95100000.12345.400", "urn:epc:id:gid:95100000.12345.400");
        try (Database db = Database.open(settings)) {
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO organisation (id, name) VALUES ('maker', 'Maker')");
                s.execute("INSERT INTO epcis_event (id, event_id, org_id, event_type, event_time, event_time_zone_offset, doc) "
                        + "VALUES (1, 'e1', 'maker', 'ObjectEvent', now(), '+00:00', '{}'), "
                        + "(2, 'e2', 'maker', 'ObjectEvent', now(), '+00:00', '{}')");
                for (String epc : keys.keySet()) {
                    s.execute("INSERT INTO event_epc (event_id, epc, role) VALUES (1, '" + epc + "', 'epc'), (2, '" + epc + "', 'child')");
                }
            }
            db.migrate();
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                Map<String, String> stored = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT epc, epc_key FROM event_epc")) {
                    while (rs.next()) {
                        stored.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertEquals(keys, stored);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM event_epc WHERE epc_key IS NULL")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
                s.execute("SET enable_seqscan = off");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN SELECT event_id FROM event_epc "
                        + "WHERE epc_key = 'https://id.gs1.org/01/80614141123458/21/6789' AND role = 'epc'")) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("event_epc_key_idx"), plan.toString());
            }
        }
    }
}
