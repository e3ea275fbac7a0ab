package org.prooftrail.anchor.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The global log as rows: chunk roots with their log index, and signed checkpoints chained by the
 * hash of their predecessor's note. All writes go through the one connection that holds the
 * anchorer's advisory lock, so a process that lost the lock cannot write.
 */
public final class LogStore {
    /** A chunk that ingest committed and the log has not taken yet. */
    public record PendingChunk(long id, byte[] root) {
    }

    /** A stored checkpoint. */
    public record StoredCheckpoint(long id, long treeSize, byte[] root, String note, byte[] prevHash) {
    }

    private LogStore() {
    }

    /** Chunk roots already in the log, in log order. */
    public static List<byte[]> loggedRoots(Connection c) throws SQLException {
        return loggedRoots(c, 0, Long.MAX_VALUE);
    }

    /** Chunk roots with log indexes {@code from} (inclusive) to {@code to} (exclusive), in log order. */
    public static List<byte[]> loggedRoots(Connection c, long from, long to) throws SQLException {
        List<byte[]> roots = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT log_index, root FROM chunk WHERE log_index >= ? AND log_index < ? ORDER BY log_index")) {
            st.setLong(1, from);
            st.setLong(2, to);
            try (ResultSet rs = st.executeQuery()) {
            long expected = from;
            while (rs.next()) {
                if (rs.getLong(1) != expected) {
                    throw new SQLException("the log has a hole: index " + expected + " is missing (next is " + rs.getLong(1) + ")");
                }
                roots.add(rs.getBytes(2));
                expected++;
            }
            }
        }
        return roots;
    }

    public static List<PendingChunk> pending(Connection c, int limit) throws SQLException {
        List<PendingChunk> chunks = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, root FROM chunk WHERE log_index IS NULL ORDER BY id LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    chunks.add(new PendingChunk(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return chunks;
    }

    public static void assign(Connection c, List<PendingChunk> chunks, long firstIndex) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE chunk SET log_index = ? WHERE id = ? AND log_index IS NULL")) {
            long index = firstIndex;
            for (PendingChunk p : chunks) {
                st.setLong(1, index++);
                st.setLong(2, p.id());
                st.addBatch();
            }
            for (int n : st.executeBatch()) {
                if (n != 1) {
                    throw new SQLException("a chunk was logged by someone else meanwhile");
                }
            }
        }
    }

    public static StoredCheckpoint latest(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, tree_size, root, note, prev_hash FROM checkpoint ORDER BY tree_size DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5)) : null;
        }
    }

    public static long insertCheckpoint(Connection c, String origin, long size, byte[] root, String note, byte[] prevHash,
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
                    list.add(new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5)));
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

    /** What each checkpoint names as its predecessor: SHA-256 of the previous signed note. */
    public static byte[] noteHash(String note) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(note.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
