package org.prooftrail.anchor.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.prooftrail.core.merkle.CompactRange;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.log.AuditReads;
import org.prooftrail.store.log.ChunkRoots;
import org.prooftrail.store.log.StoredCheckpoint;

/**
 * The log's root at each audited checkpoint's size, recomputed from the chunk roots alone (not from
 * tiles, which the audit does not trust): the roots stream through a compact range in log order, so
 * the audit holds O(log n) hashes of the log whatever its size.
 */
final class RecomputedRoots {
    private final Map<Long, byte[]> roots;
    private final long logSize;

    private RecomputedRoots(Map<Long, byte[]> roots, long logSize) {
        this.roots = roots;
        this.logSize = logSize;
    }

    /**
     * @throws SQLException without an SQL state when the log has a hole (a finding)
     */
    static RecomputedRoots at(Connection c, AuditReads.AuditedCheckpoints checkpoints) throws SQLException {
        Map<Long, byte[]> roots = new HashMap<>();
        if (checkpoints.checkpoints().isEmpty()) {
            return new RecomputedRoots(roots, ChunkRoots.logSize(c));
        }
        MerkleHasher hasher = MerkleHasher.byName(checkpoints.hashAlg());
        CompactRange range = new CompactRange(hasher);
        long[] sizes = checkpoints.checkpoints().stream().mapToLong(StoredCheckpoint::treeSize).toArray();
        int[] next = {0};
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // read through a cursor
        try {
            ChunkRoots.streamLogged(c, 0, root -> {
                range.append(hasher.hashLeaf(root), (level, index, hash) -> { });
                while (next[0] < sizes.length && sizes[next[0]] <= range.size()) {
                    if (sizes[next[0]] == range.size()) {
                        roots.put(range.size(), range.root());
                    }
                    next[0]++;
                }
            });
        } finally {
            if (autoCommit) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return new RecomputedRoots(roots, range.size());
    }

    /** The recomputed root of the tree of {@code size} leaves, or null when the log is smaller. */
    byte[] at(long size) {
        return roots.get(size);
    }

    long logSize() {
        return logSize;
    }
}
