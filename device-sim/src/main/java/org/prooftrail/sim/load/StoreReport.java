package org.prooftrail.sim.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the database says about a load run: when each good envelope was committed (its chunk's
 * commit time) and first covered by a signed checkpoint, and which rejections were stored for the
 * run's devices. Read after the run, so measuring costs the run nothing.
 */
public record StoreReport(long stored, Percentiles storedMillis, long anchored, Percentiles anchoredMillis,
                          Map<String, Long> rejections, double spanMillis) {

    /** Stored envelopes per second, from the first send to the last commit: the sustained rate. */
    public double storedPerSecond() {
        return stored / Math.max(1e-3, spanMillis / 1000.0);
    }

    /**
     * Waits (up to {@code wait}) until every acknowledged envelope is anchored, then reads the report.
     * Envelopes are acknowledged only after their commit, so "stored" is complete at once; anchoring
     * follows within the anchor interval when an anchorer runs.
     */
    public static StoreReport read(DataSource db, LoadResult run, Duration wait) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (anchoredCount(db, run) < run.published().size() && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling the database for the anchorer's progress, bounded by the deadline
        }
        Map<String, Long> sentAt = new HashMap<>();
        run.published().forEach(p -> sentAt.put(p.device() + "/" + p.seq(), p.sentMicros()));
        double[] stored = new double[run.published().size()];
        double[] anchored = new double[run.published().size()];
        int ns = 0;
        int na = 0;
        long firstSent = Long.MAX_VALUE;
        long lastCommit = Long.MIN_VALUE;
        String sql = """
                SELECT e.device_id, e.seq,
                       (extract(epoch FROM c.committed_at) * 1000000)::bigint,
                       (SELECT (extract(epoch FROM cp.signed_at) * 1000000)::bigint FROM checkpoint cp
                         WHERE c.log_index IS NOT NULL AND cp.tree_size > c.log_index ORDER BY cp.tree_size LIMIT 1)
                  FROM envelope e JOIN chunk c ON c.id = e.chunk_id
                 WHERE e.device_id = ANY (?)""";
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, devices(c, run));
            st.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Long sent = sentAt.get(rs.getString(1) + "/" + rs.getLong(2));
                    if (sent == null) {
                        continue;
                    }
                    stored[ns++] = (rs.getLong(3) - sent) / 1000.0;
                    firstSent = Math.min(firstSent, sent);
                    lastCommit = Math.max(lastCommit, rs.getLong(3));
                    long a = rs.getLong(4);
                    if (!rs.wasNull()) {
                        anchored[na++] = (a - sent) / 1000.0;
                    }
                }
            }
            c.commit();
        }
        return new StoreReport(ns, Percentiles.of(java.util.Arrays.copyOf(stored, ns)), na,
                Percentiles.of(java.util.Arrays.copyOf(anchored, na)), rejections(db, run),
                ns == 0 ? 0 : (lastCommit - firstSent) / 1000.0);
    }

    private static long anchoredCount(DataSource db, LoadResult run) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT count(*) FROM envelope e JOIN chunk c ON c.id = e.chunk_id
                 WHERE e.device_id = ANY (?) AND c.log_index IS NOT NULL
                   AND EXISTS (SELECT 1 FROM checkpoint cp WHERE cp.tree_size > c.log_index)""")) {
            st.setArray(1, devices(c, run));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Stored rejections of the run's devices by reason. */
    public static Map<String, Long> rejections(DataSource db, LoadResult run) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT reason, count(*) FROM rejected_message WHERE device_id = ANY (?) GROUP BY reason")) {
            st.setArray(1, devices(c, run));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static Array devices(Connection c, LoadResult run) throws SQLException {
        return c.createArrayOf("text", run.devices().toArray());
    }
}
