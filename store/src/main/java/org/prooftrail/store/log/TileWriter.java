package org.prooftrail.store.log;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.merkle.TiledSubtrees;

/**
 * Collects the subtrees a {@link org.prooftrail.core.merkle.CompactRange} completes and writes those
 * that tiles keep (every eighth tree level) to {@link LogTiles} on {@link #flush}. Subtrees of one
 * level complete left to right, so what waits is a run of hashes per tile touched since the last flush.
 */
final class TileWriter {
    private record Run(int level, long index, int offset, byte[] hashes) {
    }

    private static final class Pending {
        long index = -1;
        int offset;
        final ByteArrayOutputStream hashes = new ByteArrayOutputStream();
    }

    private final int hashSize;
    private final List<Pending> levels = new ArrayList<>();
    private final List<Run> done = new ArrayList<>();

    TileWriter(int hashSize) {
        this.hashSize = hashSize;
    }

    /** Takes one completed subtree (a {@link org.prooftrail.core.merkle.CompactRange.CompletedNodes}). */
    void completed(int treeLevel, long index, byte[] hash) {
        if (treeLevel % TiledSubtrees.HEIGHT != 0) {
            return;
        }
        int level = treeLevel / TiledSubtrees.HEIGHT;
        while (levels.size() <= level) {
            levels.add(new Pending());
        }
        Pending p = levels.get(level);
        long tile = index / TiledSubtrees.WIDTH;
        if (p.index != tile) {
            close(level, p);
            p.index = tile;
            p.offset = (int) (index % TiledSubtrees.WIDTH);
        }
        p.hashes.writeBytes(hash);
    }

    /** Writes every hash taken since the last flush. */
    void flush(Connection c) throws SQLException {
        for (int level = 0; level < levels.size(); level++) {
            close(level, levels.get(level));
        }
        for (Run r : done) {
            LogTiles.append(c, r.level(), r.index(), r.offset(), r.hashes(), hashSize);
        }
        done.clear();
    }

    /** Forgets what was not written (the transaction that would have held it rolled back). */
    void discard() {
        levels.clear();
        done.clear();
    }

    private void close(int level, Pending p) {
        if (p.hashes.size() == 0) {
            return;
        }
        done.add(new Run(level, p.index, p.offset, p.hashes.toByteArray()));
        p.offset += p.hashes.size() / hashSize;
        p.hashes.reset();
    }
}
