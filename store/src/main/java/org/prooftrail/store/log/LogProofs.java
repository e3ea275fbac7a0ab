package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.prooftrail.core.merkle.CompactRange;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.SubtreeHashes;
import org.prooftrail.core.merkle.SubtreeProofs;
import org.prooftrail.core.merkle.TiledSubtrees;

/**
 * Roots, RFC 9162 proofs and the right edge of the global log, assembled from a few stored tiles
 * (through a bounded {@link TileCache}): no process holds the log to answer them. The callers check
 * that sizes and indexes are within the log ({@link #size}).
 */
public final class LogProofs {
    private final MerkleHasher hasher;
    private final TileCache cache;

    public LogProofs(MerkleHasher hasher, TileCache cache) {
        this.hasher = hasher;
        this.cache = cache;
    }

    /** With a cache of its own, for one-off use. */
    public LogProofs(MerkleHasher hasher) {
        this(hasher, new TileCache(hasher.size(), TileCache.DEFAULT_TILES));
    }

    public MerkleHasher hasher() {
        return hasher;
    }

    /** The log's size as its tiles hold it. */
    public long size(Connection c) throws SQLException {
        return LogTiles.size(c, hasher.size());
    }

    public byte[] root(Connection c, long size) throws SQLException {
        return read(c, nodes -> SubtreeProofs.root(hasher, nodes, size));
    }

    public List<byte[]> inclusionProof(Connection c, long index, long size) throws SQLException {
        return read(c, nodes -> SubtreeProofs.inclusionProof(hasher, nodes, index, size));
    }

    public List<byte[]> consistencyProof(Connection c, long size1, long size2) throws SQLException {
        return read(c, nodes -> SubtreeProofs.consistencyProof(hasher, nodes, size1, size2));
    }

    /** The compact range of the tree of {@code size} leaves: what an appender continues from. */
    public CompactRange rightEdge(Connection c, long size) throws SQLException {
        return read(c, nodes -> CompactRange.of(hasher, size, nodes));
    }

    private interface Read<T> {
        T from(SubtreeHashes nodes);
    }

    /**
     * @throws SQLException without an SQL state when a tile the answer needs is missing or short: the
     *     stored tiles do not hold that tree, a finding rather than an outage
     */
    private <T> T read(Connection c, Read<T> read) throws SQLException {
        try {
            return read.from(new TiledSubtrees(hasher, cache.source(c)));
        } catch (TileCache.UncheckedSqlException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage());
        }
    }
}
