package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.SQLException;
import org.prooftrail.core.merkle.CompactRange;
import org.prooftrail.core.merkle.MerkleHasher;

/**
 * Brings the tiles up to the log: streams the chunk roots the tiles do not hold yet, in log order,
 * through a compact range seeded from the tiles, and writes the tiles they complete. Memory stays at
 * O(log n) hashes plus one batch of tile rows whatever the log's size. Run by the migration that
 * introduced tiles, by an appender that finds tiles behind (a log seeded by hand), and by benchmarks.
 */
public final class TileBackfill {
    /** Leaves between tile writes: 16 full level-0 tiles. */
    private static final int BATCH = 16 * 256;

    private TileBackfill() {
    }

    /**
     * Runs in the caller's transaction when there is one, else in its own.
     *
     * @return the log's size, which the tiles now hold
     * @throws SQLException when the tiles hold more than the log, or the log has a hole
     */
    public static long run(Connection c, MerkleHasher hasher) throws SQLException {
        long tiled = LogTiles.size(c, hasher.size());
        long logSize = ChunkRoots.logSize(c);
        if (tiled > logSize) {
            throw new SQLException("the tiles hold " + tiled + " leaves but the log only " + logSize);
        }
        if (tiled == logSize) {
            return logSize;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor, rather than every root at once, needs a transaction
        try {
            CompactRange range = new LogProofs(hasher).rightEdge(c, tiled);
            TileWriter writer = new TileWriter(hasher.size());
            ChunkRoots.streamLogged(c, tiled, root -> {
                range.append(hasher.hashLeaf(root), writer::completed);
                if (range.size() % BATCH == 0) {
                    writer.flush(c);
                }
            });
            writer.flush(c);
            if (autoCommit) {
                c.commit();
            }
            return range.size();
        } catch (SQLException | RuntimeException e) {
            if (autoCommit) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
