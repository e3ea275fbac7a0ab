package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The one writer of {@code device_stream_reset}: an operator restarts a device's stream (its counter
 * jumped beyond the window, or restarted after a repair) and says why. One transaction forgets the
 * stream's state, so the device's next envelope starts a new stream wherever its seq is, and records
 * who, when, why and what the old stream held. Nothing stored is touched: the old stream's envelopes
 * keep their seqs, chunks and proofs, and (device, seq) still names them, so a seq the old stream
 * stored stays taken (a new envelope under it is a replay).
 */
public final class StreamResets {
    private static final String COLUMNS = "id, device_id, reset_at, reset_by, reason, previous_first_seq, "
            + "previous_max_seq, previous_stored";

    private final DataSource db;

    public StreamResets(DataSource db) {
        this.db = db;
    }

    /** Resets the stream of a registered device (the caller checks that it is). */
    public StreamReset reset(String deviceId, String resetBy, String reason) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the DELETE locks the stream row: a batch writing this device either commits first
                // (and is part of the old stream) or waits and starts the new one
                DeviceStreams.Previous old = DeviceStreams.forget(c, deviceId);
                GapAlerts.forgetChecked(c, deviceId);
                StreamReset r;
                try (PreparedStatement st = c.prepareStatement("INSERT INTO device_stream_reset (device_id, reset_by, "
                        + "reason, previous_first_seq, previous_max_seq, previous_stored) VALUES (?, ?, ?, ?, ?, ?) "
                        + "RETURNING " + COLUMNS)) {
                    st.setString(1, deviceId);
                    st.setString(2, resetBy);
                    st.setString(3, reason);
                    setLong(st, 4, old.firstSeq());
                    setLong(st, 5, old.maxSeq());
                    setLong(st, 6, old.stored());
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        r = row(rs);
                    }
                }
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A device's resets, oldest first. */
    public List<StreamReset> of(String deviceId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM device_stream_reset WHERE device_id = ? ORDER BY id")) {
            st.setString(1, deviceId);
            List<StreamReset> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    private static StreamReset row(ResultSet rs) throws SQLException {
        return new StreamReset(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                rs.getString(5), (Long) rs.getObject(6), (Long) rs.getObject(7), (Long) rs.getObject(8));
    }

    private static void setLong(PreparedStatement st, int i, Long v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.BIGINT);
        } else {
            st.setLong(i, v);
        }
    }
}
