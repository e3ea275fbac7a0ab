package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * The global log's tree, kept in memory and extended with only the chunk roots logged since the
 * last request. The log is append-only, so what was loaded never changes; a proof then costs
 * O(log n) instead of reading every chunk root on every request.
 */
public final class LogTreeCache {
    private final MerkleHasher hasher;
    private final MerkleTree tree;

    public LogTreeCache(MerkleHasher hasher) {
        this.hasher = hasher;
        this.tree = new MerkleTree(hasher);
    }

    /** The tree holding at least {@code size} leaves, or null when the log is smaller. */
    public synchronized MerkleTree atLeast(Connection c, long size) throws SQLException {
        long have = tree.size();
        if (have < size) {
            List<byte[]> roots = ChunkRoots.logged(c, have, size);
            for (byte[] root : roots) {
                tree.append(hasher.hashLeaf(root));
            }
        }
        return tree.size() >= size ? tree : null;
    }

    public MerkleHasher hasher() {
        return hasher;
    }
}
