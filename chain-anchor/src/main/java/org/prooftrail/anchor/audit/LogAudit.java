package org.prooftrail.anchor.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.Checkpoints;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.store.log.AuditReads;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.NoteHash;
import org.prooftrail.store.log.StoredCheckpoint;

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
        AuditReads.AuditedCheckpoints stored = AuditReads.checkpointsFrom(c, fromTreeSize);
        RecomputedRoots roots;
        try {
            roots = RecomputedRoots.at(c, stored);
        } catch (SQLException e) {
            if (e.getSQLState() != null) {
                throw e;
            }
            problems.add(e.getMessage()); // a hole in the log's indexes: a finding, not an outage
            return new Report(counts[0], counts[1], 0, problems);
        }
        long checkpoints = auditCheckpoints(c, stored, roots, trustedLogKey, problems, fromTreeSize);
        return new Report(counts[0], counts[1], checkpoints, problems);
    }

    private static long[] auditChunks(Connection c, List<String> problems, long fromChunkId) throws SQLException {
        long[] counts = new long[2];
        AuditReads.chunksFrom(c, fromChunkId, chunk -> {
            counts[0]++;
            long id = chunk.id();
            MerkleHasher hasher = MerkleHasher.byName(chunk.hashAlg());
            int size = chunk.size();
            byte[] packed = chunk.leafHashes();
            List<byte[]> stored = new ArrayList<>();
            for (int i = 0; i + hasher.size() <= packed.length; i += hasher.size()) {
                stored.add(Arrays.copyOfRange(packed, i, i + hasher.size()));
            }
            List<byte[]> recomputed = new ArrayList<>();
            for (AuditReads.EnvelopeBytes e : chunk.envelopes()) {
                counts[1]++;
                byte[] leaf = hasher.hashLeaf(e.jws());
                int index = e.leafIndex();
                if (index != recomputed.size()) {
                    problems.add("chunk " + id + ": leaf index " + recomputed.size() + " is missing (next envelope has " + index + ")");
                }
                if (index < stored.size() && !Arrays.equals(stored.get(index), leaf)) {
                    problems.add("chunk " + id + ", leaf " + index + ": envelope " + e.id() + " (device "
                            + e.deviceId() + ", seq " + e.seq() + ") does not hash to the stored leaf hash: "
                            + "the envelope or the chunk's leaf hashes were altered");
                }
                recomputed.add(leaf);
            }
            if (recomputed.size() != size || stored.size() != size) {
                problems.add("chunk " + id + ": size " + size + " but " + recomputed.size() + " envelopes and "
                        + stored.size() + " stored leaf hashes");
                return;
            }
            if (!Arrays.equals(MerkleTree.of(hasher, stored).root(), chunk.root())) {
                problems.add("chunk " + id + ": stored root " + HEX.formatHex(chunk.root())
                        + " is not the root of its stored leaf hashes");
            }
        });
        return counts;
    }

    private static long auditCheckpoints(Connection c, AuditReads.AuditedCheckpoints checkpoints, RecomputedRoots roots,
                                         LogKey key, List<String> problems, long fromTreeSize) throws SQLException {
        long count = 0;
        byte[] previous = null;
        if (fromTreeSize > 0) {
            String before = CheckpointRows.noteBefore(c, fromTreeSize);
            previous = before != null ? NoteHash.of(before) : null;
        }
        for (StoredCheckpoint row : checkpoints.checkpoints()) {
            count++;
            long size = row.treeSize();
            String note = row.note();
            String where = "checkpoint at tree size " + size;
            byte[] root = roots.at(size);
            if (root == null) {
                problems.add(where + ": the log holds only " + roots.logSize() + " chunk roots");
                break;
            }
            Checkpoint cp;
            try {
                cp = Checkpoints.parse(note);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                break;
            }
            if (cp.size() != size || !Arrays.equals(cp.root(), root) || !Arrays.equals(row.root(), root)) {
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
            previous = NoteHash.of(note);
        }
        return count;
    }
}
