package org.prooftrail.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;

class DatabaseMigrationTest {

    @Test
    void migrationsCreateTheSchemaOnceAndReadingsArePartitionedByTime() throws SQLException {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            assertTrue(db.migrate() >= 2, "first start applies every migration");
            assertEquals(0, db.migrate(), "a second start applies nothing");
            assertTrue(db.ping());

            Set<String> tables = new HashSet<>();
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : new String[] {"organisation", "device", "device_key", "product", "lot", "item",
                    "envelope", "reading", "epcis_event", "event_epc", "chunk", "checkpoint", "rejected_message"}) {
                assertTrue(tables.contains(t), "table " + t + " exists; found " + tables);
            }
            // without TimescaleDB the readings table is range-partitioned with monthly partitions ahead
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                         + "WHERE p.relname = 'reading'")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 4, "default partition plus at least three monthly ones");
            }
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO reading (time, device_id, envelope_id, temperature_c) VALUES (now(), 'd1', 1, 4.5)");
                try (ResultSet rs = s.executeQuery("SELECT tableoid::regclass::text FROM reading")) {
                    rs.next();
                    assertTrue(rs.getString(1).startsWith("reading_2"), "a current reading lands in its month's partition");
                }
            }
        }
    }
}
