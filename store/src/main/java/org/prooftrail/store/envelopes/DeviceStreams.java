package org.prooftrail.store.envelopes;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-device sequence state. Locking the rows of a batch's devices (in id order, so two writers
 * cannot deadlock) makes the replay window and the counts exact even with several ingest replicas.
 */
final class DeviceStreams {
    /** What one batch stored for one device. */
    static final class Span {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long count;

        void add(long seq) {
            min = Math.min(min, seq);
            max = Math.max(max, seq);
            count++;
        }
    }

    private DeviceStreams() {
    }

    /** Locks and returns the highest stored seq of each device that has a stream. */
    static Map<String, Long> lockMaxSeq(Connection c, List<String> deviceIds) throws SQLException {
        Map<String, Long> max = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT device_id, max_seq FROM device_stream WHERE device_id = ANY(?) ORDER BY device_id FOR UPDATE")) {
            Array ids = c.createArrayOf("text", deviceIds.toArray());
            st.setArray(1, ids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    max.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return max;
    }

    /** A stream as it stood before it was forgotten; null fields when the device had stored nothing. */
    record Previous(Long firstSeq, Long maxSeq, Long stored) {
    }

    /**
     * Locks and deletes one device's stream row, returning what it held: the device's next envelope
     * starts a new stream, as a new device's first does. Only a stream reset does this.
     */
    static Previous forget(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "DELETE FROM device_stream WHERE device_id = ? RETURNING first_seq, max_seq, stored_count")) {
            st.setString(1, deviceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? new Previous(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : new Previous(null, null, null);
            }
        }
    }

    static void record(Connection c, TreeMap<String, Span> spans) throws SQLException {
        if (spans.isEmpty()) {
            return;
        }
        int n = spans.size();
        String[] ids = new String[n];
        Long[] firsts = new Long[n];
        Long[] maxes = new Long[n];
        Long[] counts = new Long[n];
        int i = 0;
        for (Map.Entry<String, Span> e : spans.entrySet()) {
            ids[i] = e.getKey();
            firsts[i] = e.getValue().min;
            maxes[i] = e.getValue().max;
            counts[i] = e.getValue().count;
            i++;
        }
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO device_stream (device_id, first_seq, max_seq, stored_count) "
                        + "SELECT * FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                        + "ON CONFLICT (device_id) DO UPDATE SET "
                        + "first_seq = LEAST(device_stream.first_seq, EXCLUDED.first_seq), "
                        + "max_seq = GREATEST(device_stream.max_seq, EXCLUDED.max_seq), "
                        + "stored_count = device_stream.stored_count + EXCLUDED.stored_count, "
                        + "last_seen = now()")) {
            st.setArray(1, c.createArrayOf("text", ids));
            st.setArray(2, c.createArrayOf("bigint", firsts));
            st.setArray(3, c.createArrayOf("bigint", maxes));
            st.setArray(4, c.createArrayOf("bigint", counts));
            st.executeUpdate();
        }
    }
}
