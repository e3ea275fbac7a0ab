package org.prooftrail.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;

/**
 * A database migrated by an earlier version, whose V2 was rewritten since (db-earlier/ keeps that V2 as it
 * shipped), starts with the new one; any other change to an applied migration still stops the start.
 */
class RewrittenMigrationsTest {

    private static DatabaseSettings migratedByTheFirstRelease() {
        DatabaseSettings db = TestServices.freshDatabase();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target("1").load().migrate();
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db-earlier")
                .ignoreMigrationPatterns("*:missing").load().migrate();
        return db;
    }

    private static int v2Checksum(DatabaseSettings db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '2'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aDatabaseThatRanTheFirstV2StartsAndMigratesOn() throws SQLException {
        DatabaseSettings db = migratedByTheFirstRelease();
        assertEquals(RewrittenMigrations.EARLIER_CHECKSUMS.get("2"), v2Checksum(db),
                "the recorded checksum is the one the earlier V2 had");
        long later = java.util.Arrays.stream(Flyway.configure().locations("classpath:db/migration")
                        .dataSource(db.url(), db.user(), db.password()).load().info().all())
                .filter(m -> m.getVersion().isNewerThan("2")).count();
        try (Database database = Database.open(db)) {
            assertEquals(later, database.migrate(), "every migration after the rewritten V2 applies once it is accepted");
            assertEquals(0, database.migrate());
        }
        Flyway now = Flyway.configure().dataSource(db.url(), db.user(), db.password()).load();
        assertEquals(java.util.Arrays.stream(now.info().all()).filter(m -> "2".equals(m.getVersion().getVersion()))
                .findFirst().orElseThrow().getResolvedChecksum(), v2Checksum(db));
    }

    @Test
    void anyOtherChangeToAnAppliedMigrationStillStopsTheStart() throws SQLException {
        DatabaseSettings db = migratedByTheFirstRelease();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
        }
        try (Database database = Database.open(db)) {
            assertThrows(FlywayValidateException.class, database::migrate);
        }
    }
}
