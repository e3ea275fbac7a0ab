package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.anchor.log.LogTreeCache;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * Builds proof bundles from the database: the envelope, its chunk's stored leaf hashes (for the
 * audit path), the log's chunk roots (for the inclusion path) and the first checkpoint that covers
 * the chunk. Empty when the envelope is unknown or not yet covered by a checkpoint.
 */
public final class ProofBundles {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProofBundles() {
    }

    /** Reads the whole log for the proof: for one-off use (a command); servers keep a {@link LogTreeCache}. */
    public static Optional<ProofBundle> forEnvelope(Connection c, String device, long seq) throws SQLException {
        return forEnvelope(c, device, seq, null);
    }

    /** @param logs the log trees by hash name, or null to read the log afresh */
    public static Optional<ProofBundle> forEnvelope(Connection c, String device, long seq,
                                                    java.util.function.Function<MerkleHasher, LogTreeCache> logs) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT e.jws, e.kid, e.alg, k.public_key_pem, e.chunk_id, e.leaf_index, "
                + "ch.size, ch.root, ch.leaf_hashes, ch.log_index, ch.hash_alg FROM envelope e JOIN chunk ch ON ch.id = e.chunk_id "
                + "JOIN device_key k ON k.kid = e.kid WHERE e.device_id = ? AND e.seq = ?")) {
            st.setString(1, device);
            st.setLong(2, seq);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || rs.getObject(10) == null) {
                    return Optional.empty();
                }
                MerkleHasher hasher = MerkleHasher.byName(rs.getString(11));
                int size = rs.getInt(7);
                int leafIndex = rs.getInt(6);
                byte[] packed = rs.getBytes(9);
                List<byte[]> leaves = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    leaves.add(Arrays.copyOfRange(packed, i * hasher.size(), (i + 1) * hasher.size()));
                }
                MerkleTree chunkTree = MerkleTree.of(hasher, leaves);
                long logIndex = rs.getLong(10);
                ProofBundle.Envelope envelope = new ProofBundle.Envelope(device, seq,
                        new String(rs.getBytes(1), StandardCharsets.US_ASCII), rs.getString(2), rs.getString(3), rs.getString(4));
                ProofBundle.Chunk chunk = new ProofBundle.Chunk(rs.getLong(5), size, leafIndex,
                        hex(chunkTree.inclusionProof(leafIndex, size)), HEX.formatHex(rs.getBytes(8)));
                Optional<Covering> covering = covering(c, logIndex);
                if (covering.isEmpty()) {
                    return Optional.empty();
                }
                Covering cp = covering.get();
                MerkleTree logTree = (logs == null ? new LogTreeCache(hasher) : logs.apply(hasher)).atLeast(c, cp.treeSize());
                if (logTree == null) {
                    throw new SQLException("checkpoint of size " + cp.treeSize() + " but fewer chunk roots are logged");
                }
                ProofBundle.LogPath path = new ProofBundle.LogPath(logIndex, cp.treeSize(),
                        hex(logTree.inclusionProof(logIndex, cp.treeSize())));
                return Optional.of(new ProofBundle(1, hasher.name(), envelope, chunk, path,
                        new ProofBundle.Anchor(cp.note(), cp.ledger(), cp.receipt())));
            }
        }
    }

    private record Covering(long treeSize, String note, String ledger, Map<String, Object> receipt) {
    }

    @SuppressWarnings("unchecked")
    private static Optional<Covering> covering(Connection c, long logIndex) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT tree_size, note, ledger, receipt FROM checkpoint "
                + "WHERE tree_size > ? ORDER BY tree_size LIMIT 1")) {
            st.setLong(1, logIndex);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> receipt = null;
                String json = rs.getString(4);
                if (json != null) {
                    try {
                        receipt = JSON.readValue(json, Map.class);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new SQLException("stored receipt is not JSON: " + e.getMessage(), e);
                    }
                }
                return Optional.of(new Covering(rs.getLong(1), rs.getString(2), rs.getString(3), receipt));
            }
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
