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

/** Runs on the embedded PostgreSQL, and on a TimescaleDB server given by PT_TEST_DB_URL. */
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

            ReadingStorage storage = ReadingStorage.inspect(db.dataSource());
            if (timescaleUsable(db)) {
                // the test user is the server's superuser: the migration creates the extension itself
                assertEquals(ReadingStorage.Kind.HYPERTABLE, storage.kind(), storage.describe());
                assertEquals(!"apache".equals(setting(db, "timescaledb.license")), storage.compressed(),
                        "compressed unless the build is Apache-licensed: " + storage.describe());
                try (Connection c = db.connection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO reading (time, device_id, envelope_id, temperature_c) VALUES (now(), 'd1', 1, 4.5)");
                    try (ResultSet rs = s.executeQuery("SELECT tableoid::regclass::text FROM reading")) {
                        rs.next();
                        assertTrue(rs.getString(1).startsWith("_timescaledb_internal."), "a reading lands in a chunk");
                    }
                }
                return;
            }
            assertEquals(ReadingStorage.Kind.MONTHLY_PARTITIONS, storage.kind(), storage.describe());
            assertEquals(storage.timescaleOnServer(), storage.warning().isPresent(),
                    "a server with TimescaleDB it cannot use is warned about: " + storage.warning());
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

    /** TimescaleDB is installed on the server and preloaded (read as the test user, who may). */
    static boolean timescaleUsable(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
        }
        String preload = setting(db, "shared_preload_libraries");
        return preload != null && preload.contains("timescaledb");
    }

    private static String setting(Database db, String name) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "', true)")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
