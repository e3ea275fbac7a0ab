package org.prooftrail.store.envelopes;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the database says about envelopes of a set of devices (a load run's): when each was committed
 * (its chunk's commit time) and first covered by a signed checkpoint, and which rejections were stored
 * for them. Read after a run, so measuring costs the run nothing.
 */
public final class DeliveryReport {
    /** Receives one stored envelope; {@code anchoredMicros} is null while no checkpoint covers it. */
    @FunctionalInterface
    public interface Delivered {
        void accept(String device, long seq, long committedMicros, Long anchoredMicros);
    }

    private DeliveryReport() {
    }

    /** Streams every stored envelope of {@code devices} (a run can store millions; nothing is held). */
    public static void deliveries(DataSource db, List<String> devices, Delivered sink) throws SQLException {
        String sql = """
                SELECT e.device_id, e.seq,
                       (extract(epoch FROM c.committed_at) * 1000000)::bigint,
                       (SELECT (extract(epoch FROM cp.signed_at) * 1000000)::bigint FROM checkpoint cp
                         WHERE c.log_index IS NOT NULL AND cp.tree_size > c.log_index ORDER BY cp.tree_size LIMIT 1)
                  FROM envelope e JOIN chunk c ON c.id = e.chunk_id
                 WHERE e.device_id = ANY (?)""";
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, array(c, devices));
            st.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // wasNull speaks of the column read last: ask it before reading the others
                    long a = rs.getLong(4);
                    Long anchored = rs.wasNull() ? null : a;
                    sink.accept(rs.getString(1), rs.getLong(2), rs.getLong(3), anchored);
                }
            }
            c.commit();
        }
    }

    /** Envelopes of {@code devices} that a signed checkpoint already covers. */
    public static long anchoredCount(DataSource db, List<String> devices) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("""
                SELECT count(*) FROM envelope e JOIN chunk c ON c.id = e.chunk_id
                 WHERE e.device_id = ANY (?) AND c.log_index IS NOT NULL
                   AND EXISTS (SELECT 1 FROM checkpoint cp WHERE cp.tree_size > c.log_index)""")) {
            st.setArray(1, array(c, devices));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Stored rejections of {@code devices} by reason. */
    public static Map<String, Long> rejections(DataSource db, List<String> devices) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT reason, count(*) FROM rejected_message WHERE device_id = ANY (?) GROUP BY reason")) {
            st.setArray(1, array(c, devices));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static Array array(Connection c, List<String> devices) throws SQLException {
        return c.createArrayOf("text", devices.toArray());
    }
}
