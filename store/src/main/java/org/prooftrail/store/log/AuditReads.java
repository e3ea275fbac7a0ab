package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an audit reads to recompute the log from the stored envelopes up: each chunk with its
 * envelopes' bytes, and the checkpoints with the hash the log's leaves use.
 */
public final class AuditReads {
    /** One stored envelope of a chunk, as the audit hashes it. */
    public record EnvelopeBytes(long id, String deviceId, long seq, int leafIndex, byte[] jws) {
    }

    /** One stored chunk: its claimed size, root and packed leaf hashes, and its envelopes in leaf order. */
    public record AuditedChunk(long id, String hashAlg, int size, byte[] root, byte[] leafHashes, List<EnvelopeBytes> envelopes) {
    }

    /** The checkpoints to audit, oldest first, and the hash the log uses (null when there are none). */
    public record AuditedCheckpoints(String hashAlg, List<StoredCheckpoint> checkpoints) {
    }

    @FunctionalInterface
    public interface ChunkVisitor {
        void visit(AuditedChunk chunk) throws SQLException;
    }

    private AuditReads() {
    }

    /**
     * Hands each chunk with id at least {@code fromChunkId} to {@code visitor}, in id order, one at a
     * time: a full audit never holds more than one chunk's envelopes.
     */
    public static void chunksFrom(Connection c, long fromChunkId, ChunkVisitor visitor) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, hash_alg, size, root, leaf_hashes FROM chunk WHERE id >= ? ORDER BY id");
             PreparedStatement env = c.prepareStatement(
                     "SELECT id, device_id, seq, leaf_index, jws FROM envelope WHERE chunk_id = ? ORDER BY leaf_index")) {
            st.setLong(1, fromChunkId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    List<EnvelopeBytes> envelopes = new ArrayList<>();
                    env.setLong(1, id);
                    try (ResultSet e = env.executeQuery()) {
                        while (e.next()) {
                            envelopes.add(new EnvelopeBytes(e.getLong(1), e.getString(2), e.getLong(3), e.getInt(4), e.getBytes(5)));
                        }
                    }
                    visitor.visit(new AuditedChunk(id, rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getBytes(5), envelopes));
                }
            }
        }
    }

    /** Checkpoints from tree size {@code fromTreeSize} on, oldest first. */
    public static AuditedCheckpoints checkpointsFrom(Connection c, long fromTreeSize) throws SQLException {
        String hashAlg = null;
        List<StoredCheckpoint> list = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, tree_size, root, note, prev_hash, hash_alg FROM checkpoint, "
                        + "(SELECT coalesce(min(hash_alg), 'sha256') AS hash_alg FROM chunk) h WHERE tree_size >= ? ORDER BY tree_size")) {
            st.setLong(1, fromTreeSize);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    hashAlg = rs.getString(6);
                    list.add(new StoredCheckpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5)));
                }
            }
        }
        return new AuditedCheckpoints(hashAlg, list);
    }

    /** The id from which the newest {@code recentChunks} chunks start, or 0 when there are fewer. */
    public static long recentChunkStart(Connection c, int recentChunks) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM chunk ORDER BY id DESC OFFSET ? LIMIT 1")) {
            st.setInt(1, recentChunks - 1);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
