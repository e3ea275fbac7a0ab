package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoint journal: signed checkpoints chained by the hash of their predecessor's note, and
 * each one's ledger receipt once published. The only writer of the {@code checkpoint} table.
 */
public final class CheckpointRows {
    private CheckpointRows() {
    }

    /** The newest checkpoint, or null when there is none. */
    public static StoredCheckpoint latest(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, tree_size, root, note, prev_hash FROM checkpoint ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? row(rs) : null;
        }
    }

    /** The last {@code count} checkpoints, oldest first. */
    public static List<StoredCheckpoint> latest(Connection c, int count) throws SQLException {
        List<StoredCheckpoint> list = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, tree_size, root, note, prev_hash FROM checkpoint "
                + "ORDER BY tree_size DESC LIMIT ?")) {
            st.setInt(1, count);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    list.add(0, row(rs));
                }
            }
        }
        return list;
    }

    /** @return the new checkpoint's id */
    public static long insert(Connection c, String origin, long size, byte[] root, String note, byte[] prevHash,
                              String ledger) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO checkpoint (origin, tree_size, root, note, prev_hash, ledger) "
                + "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            st.setString(1, origin);
            st.setLong(2, size);
            st.setBytes(3, root);
            st.setString(4, note);
            st.setBytes(5, prevHash);
            st.setString(6, ledger);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Checkpoints whose ledger receipt is still missing (the ledger was down), oldest first. */
    public static List<StoredCheckpoint> unpublished(Connection c, int limit) throws SQLException {
        List<StoredCheckpoint> list = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id, tree_size, root, note, prev_hash FROM checkpoint "
                + "WHERE receipt IS NULL ORDER BY tree_size LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    list.add(row(rs));
                }
            }
        }
        return list;
    }

    public static void storeReceipt(Connection c, long checkpointId, String receiptJson) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE checkpoint SET receipt = ?::jsonb WHERE id = ?")) {
            st.setString(1, receiptJson);
            st.setLong(2, checkpointId);
            st.executeUpdate();
        }
    }

    /** The first checkpoint whose tree holds log index {@code logIndex}: the one a proof of that leaf is anchored in. */
    public static Optional<CoveringCheckpoint> covering(Connection c, long logIndex) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT tree_size, note, ledger, receipt FROM checkpoint "
                + "WHERE tree_size > ? ORDER BY tree_size LIMIT 1")) {
            st.setLong(1, logIndex);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CoveringCheckpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
    }

    /** The note of the newest checkpoint smaller than {@code treeSize}, or null. */
    public static String noteBefore(Connection c, long treeSize) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT note FROM checkpoint WHERE tree_size < ? ORDER BY tree_size DESC LIMIT 1")) {
            st.setLong(1, treeSize);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static StoredCheckpoint row(ResultSet rs) throws SQLException {
        return new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5));
    }
}
