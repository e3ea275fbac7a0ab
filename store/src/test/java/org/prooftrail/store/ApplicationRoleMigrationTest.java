package org.prooftrail.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.slf4j.LoggerFactory;

/**
 * Migrations as a managed database service's application role runs them: a role that owns its database and
 * nothing more (no superuser, no pg_read_all_settings), on the real PostgreSQL.
 */
class ApplicationRoleMigrationTest {

    /** A login role that owns a new database, made by the server's administrator. */
    private record AppDatabase(DatabaseSettings admin, DatabaseSettings app, String role, String name) implements AutoCloseable {
        static AppDatabase create(DatabaseSettings admin) throws SQLException {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String role = "pt_app_" + suffix;
            String name = "pt_app_db_" + suffix;
            sql(admin, "CREATE ROLE " + role + " LOGIN PASSWORD 'app' NOSUPERUSER NOCREATEDB NOCREATEROLE");
            sql(admin, "CREATE DATABASE " + name + " OWNER " + role);
            String url = admin.url();
            int slash = url.lastIndexOf('/');
            int query = url.indexOf('?', slash);
            // the same server and options, without a user named in the URL (it would win over the role's)
            String options = query < 0 ? "" : url.substring(query + 1).replaceAll("(^|&)(user|password)=[^&]*", "");
            String appUrl = url.substring(0, slash + 1) + name + (options.isEmpty() ? "" : "?" + options.replaceFirst("^&", ""));
            return new AppDatabase(admin, new DatabaseSettings(appUrl, role, "app", 4), role, name);
        }

        /** The same database as the administrator. */
        DatabaseSettings asAdmin() {
            return new DatabaseSettings(app.url(), admin.user(), admin.password(), 2);
        }

        @Override
        public void close() throws SQLException {
            sql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql(admin, "DROP ROLE IF EXISTS " + role);
        }
    }

    private static void sql(DatabaseSettings db, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static boolean superuser(DatabaseSettings db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Migrates twice as the application role; returns what the log said at WARN. */
    private static ReadingStorage migrateAsApplication(AppDatabase app, List<String> warnings) throws SQLException {
        assertFalse(superuser(app.app()), "the application role is no superuser");
        Logger log = (Logger) LoggerFactory.getLogger(Database.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try (Database db = Database.open(app.app())) {
            assertTrue(db.migrate() >= 8, "every migration applies");
            assertEquals(0, db.migrate(), "a second start applies nothing");
            ReadingStorage storage = ReadingStorage.inspect(db.dataSource());
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO reading (time, device_id, envelope_id, temperature_c) VALUES (now(), 'd1', 1, 4.5)");
            }
            return storage;
        } finally {
            log.detachAppender(seen);
            seen.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                    .forEach(warnings::add);
        }
    }

    @Test
    void anOrdinaryRoleMigratesTheWholeSchema() throws Exception {
        DatabaseSettings admin = TestServices.freshDatabase();
        boolean usable;
        try (Database probe = Database.open(admin)) {
            usable = DatabaseMigrationTest.timescaleUsable(probe);
        }
        try (AppDatabase app = AppDatabase.create(admin)) {
            List<String> warnings = new java.util.ArrayList<>();
            ReadingStorage storage = migrateAsApplication(app, warnings);
            if (usable) {
                // TimescaleDB 2 is a trusted extension: the database's owner creates it itself
                assertEquals(ReadingStorage.Kind.HYPERTABLE, storage.kind(), storage.describe());
            } else {
                assertEquals(ReadingStorage.Kind.MONTHLY_PARTITIONS, storage.kind(), storage.describe());
                assertEquals(storage.timescaleOnServer(), warnings.stream().anyMatch(w -> w.contains("partitioned by month")),
                        "warned exactly when the server has TimescaleDB: " + warnings);
            }
        }
        try (AppDatabase app = AppDatabase.create(admin)) {
            sql(app.asAdmin(), "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') "
                    + "THEN CREATE EXTENSION timescaledb; END IF; END $$");
            if (!usable) {
                return; // no usable TimescaleDB on this server: the case above covers it
            }
            // created by an administrator beforehand, as managed services do: the role makes the hypertable
            List<String> warnings = new java.util.ArrayList<>();
            ReadingStorage storage = migrateAsApplication(app, warnings);
            assertEquals(ReadingStorage.Kind.HYPERTABLE, storage.kind(), storage.describe());
        }
    }

    /**
     * A server that offers an extension named timescaledb the role cannot use: one it may not create (a
     * build whose extension is not trusted, or a role without CREATE on its database), or one created but
     * not working (not preloaded). A stand-in package (a control file without {@code trusted}, an empty
     * script, no functions) on a PostgreSQL of the test's own takes TimescaleDB's place, which cannot be
     * installed here. On today's main the first case stopped the migration with "must be superuser or have
     * privileges of pg_read_all_settings to examine shared_preload_libraries", as reported.
     */
    @Test
    void fallsBackToPartitionsAndSaysSoLoudlyWhenTheRoleCannotUseTimescaleDb(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                // a resolver of its own: the library reuses binaries it unpacked before for the same resolver
                .setPgBinaryResolver((system, machine) -> DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine))
                .setDataDirectory(dir.resolve("data"))
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            installStandIn(dir.resolve("binaries"));
            DatabaseSettings admin = new DatabaseSettings(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", 2);

            // the extension exists on the server, not in the database: the role may not create it
            try (AppDatabase app = AppDatabase.create(admin)) {
                List<String> warnings = new java.util.ArrayList<>();
                ReadingStorage storage = migrateAsApplication(app, warnings);
                assertEquals(ReadingStorage.Kind.MONTHLY_PARTITIONS, storage.kind(), storage.describe());
                assertTrue(storage.timescaleOnServer());
                assertTrue(warnings.stream().anyMatch(w -> w.contains("partitioned by month")
                        && w.contains("not installed in this database") && w.contains("docs/deploy.md")),
                        "the fallback is warned about: " + warnings);
            }
            // created in the database by an administrator, but unusable (as when not preloaded)
            try (AppDatabase app = AppDatabase.create(admin)) {
                sql(app.asAdmin(), "CREATE EXTENSION timescaledb");
                List<String> warnings = new java.util.ArrayList<>();
                ReadingStorage storage = migrateAsApplication(app, warnings);
                assertEquals(ReadingStorage.Kind.MONTHLY_PARTITIONS, storage.kind(), storage.describe());
                assertTrue(warnings.stream().anyMatch(w -> w.contains("partitioned by month") && w.contains("installed in this database")),
                        "the fallback is warned about: " + warnings);
            }
        }
    }

    private static void installStandIn(Path binaries) throws Exception {
        Path extensions;
        try (Stream<Path> files = Files.walk(binaries)) {
            extensions = files.filter(p -> p.getFileName().toString().equals("plpgsql.control")).findFirst()
                    .orElseThrow().getParent();
        }
        Files.writeString(extensions.resolve("timescaledb.control"), """
                comment = 'stands in for TimescaleDB in ProofTrail tests: offered by the server, not usable'
                default_version = '0.0'
                superuser = true
                """);
        Files.writeString(extensions.resolve("timescaledb--0.0.sql"), "-- nothing: no hypertables here\n");
    }
}
