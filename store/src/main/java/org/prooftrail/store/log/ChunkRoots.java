package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * The global log's leaves: chunk roots with their log index, and the one writer of {@code chunk}.
 * A chunk is inserted in the transaction that stores its batch (the envelope writer calls
 * {@link #insert}); the log later only gives each one its index, through the one connection that
 * holds the anchorer's advisory lock (or in a one-off step where no anchorer runs), so a process that
 * lost the lock cannot write.
 */
public final class ChunkRoots {
    private ChunkRoots() {
    }

    /** A new chunk: a batch's Merkle tree, its root and its leaf hashes packed end to end; no log index yet. */
    public static void insert(Connection c, long chunkId, MerkleHasher hasher, List<byte[]> leaves) throws SQLException {
        byte[] packed = new byte[leaves.size() * hasher.size()];
        for (int i = 0; i < leaves.size(); i++) {
            System.arraycopy(leaves.get(i), 0, packed, i * hasher.size(), hasher.size());
        }
        byte[] root = MerkleTree.of(hasher, leaves).root();
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO chunk (id, hash_alg, size, root, leaf_hashes) VALUES (?, ?, ?, ?, ?)")) {
            st.setLong(1, chunkId);
            st.setString(2, hasher.name());
            st.setInt(3, leaves.size());
            st.setBytes(4, root);
            st.setBytes(5, packed);
            st.executeUpdate();
        }
    }

    /**
     * Chunk roots with log indexes {@code from} (inclusive) to {@code to} (exclusive), in log order.
     *
     * @throws SQLException without an SQL state when an index is missing: a hole in the log is a
     *                      finding for an audit, not an outage
     */
    public static List<byte[]> logged(Connection c, long from, long to) throws SQLException {
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

    /** The number of chunk roots in the log: one more than the highest log index. */
    public static long logSize(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT coalesce(max(log_index) + 1, 0) FROM chunk");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Told of each chunk root in log order. */
    @FunctionalInterface
    public interface RootVisitor {
        void visit(byte[] root) throws SQLException;
    }

    /**
     * Hands each chunk root from log index {@code from} on to {@code visitor}, in log order, reading
     * through a cursor: the log is never held in memory. Outside a transaction the driver would read
     * every row at once, so the caller must have auto-commit off.
     *
     * @throws SQLException without an SQL state when an index is missing, as {@link #logged(Connection, long, long)}
     */
    public static void streamLogged(Connection c, long from, RootVisitor visitor) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("streaming the log needs a transaction");
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT log_index, root FROM chunk WHERE log_index >= ? ORDER BY log_index")) {
            st.setFetchSize(10_000);
            st.setLong(1, from);
            try (ResultSet rs = st.executeQuery()) {
                long expected = from;
                while (rs.next()) {
                    if (rs.getLong(1) != expected) {
                        throw new SQLException("the log has a hole: index " + expected + " is missing (next is " + rs.getLong(1) + ")");
                    }
                    visitor.visit(rs.getBytes(2));
                    expected++;
                }
            }
        }
    }

    /** Chunks not yet in the log, in commit order (id order), at most {@code limit}. */
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

    /** Gives the chunks consecutive log indexes from {@code firstIndex}; fails if any was logged meanwhile. */
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
}
