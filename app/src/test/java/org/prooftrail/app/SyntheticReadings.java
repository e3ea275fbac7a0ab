package org.prooftrail.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Bulk readings for the growth phase, made by the server with {@code generate_series}: one reading a
 * minute over the last 20 days for devices named {@value #PREFIX}N. Synthetic on purpose: the rows
 * belong to no registered device, no envelope ({@code envelope_id} is negative) and no custody
 * window, so no lookup reads them; they only make the reading table and its (device, time) index
 * as big as a deployment's. Signed envelopes for 50M readings would take hours to make.
 */
final class SyntheticReadings {
    static final String PREFIX = "bench-synthetic-";
    private static final long PER_DEVICE = 20L * 24 * 60;
    private static final long CHUNK = 2_000_000;
    /** Heap, index and TOAST of one reading row in PostgreSQL 15, with margin. */
    private static final long BYTES_PER_ROW = 160;

    private SyntheticReadings() {
    }

    static long count(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Removes what an earlier run added, so a kept database starts the growth phase at its seeded size. */
    static long clear(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            int n = s.executeUpdate("DELETE FROM reading WHERE device_id LIKE '" + PREFIX + "%'");
            if (n > 0) {
                s.execute("VACUUM ANALYZE reading");
            }
            return n;
        }
    }

    /**
     * Adds synthetic readings until the table holds {@code target} rows, in chunks, printing progress;
     * refuses when the disk of the server's data directory (when it is on this machine) or of the
     * working directory lacks room for them.
     */
    static long fillTo(DataSource db, long target) throws SQLException, IOException {
        long have = count(db);
        long missing = target - have;
        if (missing <= 0) {
            return have;
        }
        checkDisk(db, missing);
        long start = System.nanoTime();
        long firstDevice = nextDevice(db);
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO reading (time, device_id, envelope_id, temperature_c, humidity_pct) "
                     + "SELECT date_trunc('minute', now()) - (g % ?) * interval '1 minute', ? || (? + g / ?), -1 - g / 5, "
                     + "round((4.5 + sin(g / 45.0))::numeric, 2), 55 FROM generate_series(?::bigint, ?::bigint) g")) {
            for (long done = 0; done < missing; done += CHUNK) {
                long n = Math.min(CHUNK, missing - done);
                st.setLong(1, PER_DEVICE);
                st.setString(2, PREFIX);
                st.setLong(3, firstDevice);
                st.setLong(4, PER_DEVICE);
                st.setLong(5, done);
                st.setLong(6, done + n - 1);
                st.executeUpdate();
                System.out.printf("[readings %6.1f s] %,d of %,d synthetic readings added%n", (System.nanoTime() - start) / 1e9,
                        done + n, missing);
            }
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE reading");
            }
        }
        return count(db);
    }

    private static long nextDevice(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(substring(device_id FROM " + (PREFIX.length() + 1)
                     + ")::bigint) + 1, 0) FROM reading WHERE device_id LIKE '" + PREFIX + "%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void checkDisk(DataSource db, long rows) throws SQLException, IOException {
        long need = rows * BYTES_PER_ROW;
        Path where = Path.of(".");
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'data_directory'")) {
            if (rs.next() && Files.isDirectory(Path.of(rs.getString(1)))) {
                where = Path.of(rs.getString(1));
            }
        } catch (SQLException e) {
            // not allowed to read the setting: the working directory's disk is the best guess
        }
        long free = Files.getFileStore(where).getUsableSpace();
        if (free < need * 2) {
            throw new IOException(String.format("adding %,d readings needs about %,d MB on the disk of %s; %,d MB are free "
                    + "(twice the need is asked for: WAL and VACUUM)", rows, need >> 20, where, free >> 20));
        }
        System.out.printf("adding %,d synthetic readings, about %,d MB (%,d MB free on the disk of %s)%n", rows, need >> 20,
                free >> 20, where);
    }
}
