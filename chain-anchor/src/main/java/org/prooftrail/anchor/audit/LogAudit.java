package org.prooftrail.anchor.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.Checkpoints;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.log.LogStore;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * Recomputes everything from the stored envelopes up: each chunk's leaf hashes and root from its
 * envelopes' bytes, the log from the chunk roots, each checkpoint's root at its size, its signature
 * by the trusted log key, and the chain of predecessor hashes. Stops at, and names, the first
 * mismatch in each layer, because a later mismatch usually follows from an earlier one.
 */
public final class LogAudit {
    private static final HexFormat HEX = HexFormat.of();

    /** The audit's outcome: counts checked and the problems found (empty when all holds). */
    public record Report(long chunks, long envelopes, long checkpoints, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private LogAudit() {
    }

    public static Report run(Connection c, LogKey trustedLogKey) throws SQLException {
        return run(c, trustedLogKey, 0, 0);
    }

    /**
     * The audit of the recent part only, for callers that cannot afford the whole history on each
     * request: chunks with id at least {@code fromChunkId}, checkpoints from tree size
     * {@code fromTreeSize} on (each still checked against the log recomputed from all chunk roots,
     * and against the hash of the checkpoint before it).
     *
     * @param trustedLogKey null to skip signature checks (the caller says so in its report)
     */
    public static Report run(Connection c, LogKey trustedLogKey, long fromChunkId, long fromTreeSize) throws SQLException {
        List<String> problems = new ArrayList<>();
        long[] counts = auditChunks(c, problems, fromChunkId);
        List<byte[]> roots;
        try {
            roots = LogStore.loggedRoots(c);
        } catch (SQLException e) {
            if (e.getSQLState() != null) {
                throw e;
            }
            problems.add(e.getMessage()); // a hole in the log's indexes: a finding, not an outage
            return new Report(counts[0], counts[1], 0, problems);
        }
        long checkpoints = auditCheckpoints(c, roots, trustedLogKey, problems, fromTreeSize);
        return new Report(counts[0], counts[1], checkpoints, problems);
    }

    private static long[] auditChunks(Connection c, List<String> problems, long fromChunkId) throws SQLException {
        long chunks = 0;
        long envelopes = 0;
        try (PreparedStatement st = c.prepareStatement("SELECT id, hash_alg, size, root, leaf_hashes FROM chunk WHERE id >= ? ORDER BY id");
             PreparedStatement env = c.prepareStatement(
                     "SELECT id, device_id, seq, leaf_index, jws FROM envelope WHERE chunk_id = ? ORDER BY leaf_index")) {
            st.setLong(1, fromChunkId);
            ResultSet rs = st.executeQuery();
            while (rs.next()) {
                chunks++;
                long id = rs.getLong(1);
                MerkleHasher hasher = MerkleHasher.byName(rs.getString(2));
                int size = rs.getInt(3);
                byte[] packed = rs.getBytes(5);
                List<byte[]> stored = new ArrayList<>();
                for (int i = 0; i + hasher.size() <= packed.length; i += hasher.size()) {
                    stored.add(Arrays.copyOfRange(packed, i, i + hasher.size()));
                }
                List<byte[]> recomputed = new ArrayList<>();
                env.setLong(1, id);
                try (ResultSet e = env.executeQuery()) {
                    while (e.next()) {
                        envelopes++;
                        byte[] leaf = hasher.hashLeaf(e.getBytes(5));
                        int index = e.getInt(4);
                        if (index != recomputed.size()) {
                            problems.add("chunk " + id + ": leaf index " + recomputed.size() + " is missing (next envelope has " + index + ")");
                        }
                        if (index < stored.size() && !Arrays.equals(stored.get(index), leaf)) {
                            problems.add("chunk " + id + ", leaf " + index + ": envelope " + e.getLong(1) + " (device "
                                    + e.getString(2) + ", seq " + e.getLong(3) + ") does not hash to the stored leaf hash: "
                                    + "the envelope or the chunk's leaf hashes were altered");
                        }
                        recomputed.add(leaf);
                    }
                }
                if (recomputed.size() != size || stored.size() != size) {
                    problems.add("chunk " + id + ": size " + size + " but " + recomputed.size() + " envelopes and "
                            + stored.size() + " stored leaf hashes");
                    continue;
                }
                if (!Arrays.equals(MerkleTree.of(hasher, stored).root(), rs.getBytes(4))) {
                    problems.add("chunk " + id + ": stored root " + HEX.formatHex(rs.getBytes(4))
                            + " is not the root of its stored leaf hashes");
                }
            }
        }
        return new long[] {chunks, envelopes};
    }

    private static long auditCheckpoints(Connection c, List<byte[]> roots, LogKey key, List<String> problems,
                                         long fromTreeSize) throws SQLException {
        long count = 0;
        byte[] previous = null;
        if (fromTreeSize > 0) {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT note FROM checkpoint WHERE tree_size < ? ORDER BY tree_size DESC LIMIT 1")) {
                st.setLong(1, fromTreeSize);
                try (ResultSet rs = st.executeQuery()) {
                    previous = rs.next() ? LogStore.noteHash(rs.getString(1)) : null;
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "SELECT id, tree_size, root, note, prev_hash, hash_alg FROM checkpoint, "
                        + "(SELECT coalesce(min(hash_alg), 'sha256') AS hash_alg FROM chunk) h WHERE tree_size >= ? ORDER BY tree_size")) {
            st.setLong(1, fromTreeSize);
            ResultSet rs = st.executeQuery();
            MerkleTree log = null;
            while (rs.next()) {
                count++;
                long size = rs.getLong(2);
                String note = rs.getString(4);
                if (log == null) {
                    MerkleHasher hasher = MerkleHasher.byName(rs.getString(6));
                    log = MerkleTree.of(hasher, roots.stream().map(hasher::hashLeaf).toList());
                }
                String where = "checkpoint at tree size " + size;
                if (size > log.size()) {
                    problems.add(where + ": the log holds only " + log.size() + " chunk roots");
                    break;
                }
                Checkpoint cp;
                try {
                    cp = Checkpoints.parse(note);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                    break;
                }
                byte[] root = log.root(size);
                if (cp.size() != size || !Arrays.equals(cp.root(), root) || !Arrays.equals(rs.getBytes(3), root)) {
                    problems.add(where + ": the log recomputed from chunk roots has root " + HEX.formatHex(root)
                            + ", the checkpoint says " + HEX.formatHex(cp.root()));
                }
                String sig = key == null ? null : SignedNote.problem(note, key);
                if (sig != null) {
                    problems.add(where + ": " + sig);
                }
                String expectedBody = cp.body(previous);
                if (!note.startsWith(expectedBody + "\n")) {
                    problems.add(where + ": it does not name the previous checkpoint's hash"
                            + (previous == null ? "" : " " + HEX.formatHex(previous)));
                }
                previous = LogStore.noteHash(note);
            }
        }
        return count;
    }
}
