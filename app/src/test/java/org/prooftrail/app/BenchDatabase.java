package org.prooftrail.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Databases;

/**
 * The lookup benchmark's own database, kept between runs because seeding takes minutes: on the
 * server of {@code PT_TEST_DB_URL}, one database per population size ({@code ptbench_<items>}),
 * and a marker row ({@code bench_population}, a table of the benchmark, not of the schema) written
 * only once seeding finished. Without the marker the database is dropped and made again. Without
 * {@code PT_TEST_DB_URL} (embedded server) it is a fresh database every run.
 */
final class BenchDatabase {
    /** What the marker row says about a finished seeding; the log key signs the node's checkpoints too. */
    record Marker(long items, int lots, long envelopes, long readings, Instant seededAt, double seedSeconds,
                  String logKeyPem) {
    }

    private BenchDatabase() {
    }

    /** The database for {@code items}, dropped and made again when unfinished or when {@code reseed}. */
    static DatabaseSettings open(long items, boolean reseed) throws SQLException {
        String url = System.getenv(TestServices.DB_URL);
        if (url == null || url.isBlank()) {
            System.out.println("PT_TEST_DB_URL is not set: seeding a fresh database on the embedded server (not kept)");
            return TestServices.freshDatabase();
        }
        DatabaseSettings admin = new DatabaseSettings(url, System.getenv().getOrDefault(TestServices.DB_USER, "postgres"),
                System.getenv().getOrDefault(TestServices.DB_PASSWORD, ""), 2);
        String name = "ptbench_" + items;
        DatabaseSettings bench = Databases.createIfMissing(admin, name);
        if (reseed || marker(bench).isEmpty()) {
            try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            bench = Databases.createIfMissing(admin, name);
        }
        return bench;
    }

    static Optional<Marker> marker(DatabaseSettings db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            try (ResultSet t = s.executeQuery("SELECT to_regclass('bench_population') IS NOT NULL")) {
                t.next();
                if (!t.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT items, lots, envelopes, readings, seeded_at, seed_seconds, log_key_pem "
                    + "FROM bench_population")) {
                return rs.next() ? Optional.of(new Marker(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getTimestamp(5).toInstant(), rs.getDouble(6), rs.getString(7))) : Optional.empty();
            }
        }
    }

    static void mark(DataSource db, Marker m) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_population (items bigint, lots int, envelopes bigint, readings bigint, "
                    + "seeded_at timestamptz, seed_seconds double precision, log_key_pem text)");
            s.execute("DELETE FROM bench_population");
            try (PreparedStatement st = c.prepareStatement("INSERT INTO bench_population VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                st.setLong(1, m.items());
                st.setInt(2, m.lots());
                st.setLong(3, m.envelopes());
                st.setLong(4, m.readings());
                st.setTimestamp(5, Timestamp.from(m.seededAt()));
                st.setDouble(6, m.seedSeconds());
                st.setString(7, m.logKeyPem());
                st.executeUpdate();
            }
        }
    }
}
