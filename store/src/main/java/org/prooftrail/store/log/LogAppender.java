package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Arrays;
import org.prooftrail.core.merkle.CompactRange;
import org.prooftrail.core.merkle.MerkleHasher;

/**
 * The log's one append step: the chunks ingest committed and the log has not taken yet get the next
 * log indexes in commit order, and one checkpoint over the grown log is signed (by the caller's
 * {@link NoteSigner}: the signing keys and note format belong to the anchorer) and stored, chained
 * to the previous one by its note hash, all in one transaction. The anchorer runs it each interval,
 * demos and tests run it once. Publishing to a ledger is a separate step: a stored checkpoint is
 * already safe, and a ledger that is down only delays its receipt.
 *
 * <p>Between appends the appender holds only the log's right edge (a {@link CompactRange}, O(log n)
 * hashes); the tiles the new leaves complete ({@link LogTiles}) are written in the same transaction as
 * the indexes and the checkpoint, so tiles and checkpoints never disagree. The right edge is read
 * afresh from the tiles when the appender starts or after a failed append: a takeover reads a few
 * tiles, not the log. Only one appender may write at a time (the anchorer's advisory lock sees to
 * that); another would find its chunks logged meanwhile and fail.
 */
public final class LogAppender {
    /** Turns a new tree head into the signed checkpoint note, naming the previous note's hash (null for the first). */
    @FunctionalInterface
    public interface NoteSigner {
        String sign(long treeSize, byte[] root, byte[] previousNoteHash);
    }

    /** What {@link #load} found: the log's size and the newest checkpoint's (0 when none). */
    public record Loaded(long logSize, long checkpointSize) {
    }

    /** The checkpoint an append stored. */
    public record Appended(long checkpointId, long treeSize, byte[] root, String note) {
    }

    private final MerkleHasher hasher;
    private final String origin;
    private final String ledger;
    private final NoteSigner signer;
    private final int limit;
    private final boolean hold;
    private CompactRange log;
    private TileWriter tiles;
    private byte[] previousNoteHash;

    /**
     * @param ledger the name of the ledger the checkpoints will be published to
     * @param limit  the most chunks one checkpoint takes; the rest wait for the next append
     */
    public LogAppender(MerkleHasher hasher, String origin, String ledger, NoteSigner signer, int limit) {
        this(hasher, origin, ledger, signer, limit, false);
    }

    /** @param hold store each checkpoint held, to be published once its witnesses' quorum has cosigned it */
    public LogAppender(MerkleHasher hasher, String origin, String ledger, NoteSigner signer, int limit, boolean hold) {
        this.hold = hold;
        this.hasher = hasher;
        this.origin = origin;
        this.ledger = ledger;
        this.signer = signer;
        this.limit = limit;
    }

    /**
     * Reads the log's right edge from its tiles, and the newest checkpoint, afresh. Tiles behind the
     * log (a log seeded without them) are brought up first.
     *
     * @throws SQLException when the tiles' root is not the newest checkpoint's at the same size
     */
    public Loaded load(Connection c) throws SQLException {
        log = null;
        long size = TileBackfill.run(c, hasher);
        CompactRange edge = new LogProofs(hasher).rightEdge(c, size);
        StoredCheckpoint latest = CheckpointRows.newest(c);
        if (latest != null && latest.treeSize() == size && !Arrays.equals(latest.root(), edge.root())) {
            throw new SQLException("the log's tiles have another root than the checkpoint at size " + size
                    + ": the tiles or the log were altered");
        }
        previousNoteHash = latest == null ? null : NoteHash.of(latest.note());
        tiles = new TileWriter(hasher.size());
        log = edge;
        return new Loaded(size, latest == null ? 0 : latest.treeSize());
    }

    /** The log's size as this appender knows it, or -1 before it has read the log. */
    public long size() {
        CompactRange t = log;
        return t == null ? -1 : t.size();
    }

    /**
     * Appends the pending chunk roots and stores a checkpoint over them, in one transaction on
     * {@code c} (whose auto-commit mode is restored afterwards).
     *
     * @return the new checkpoint, or empty when nothing was pending (then nothing is written)
     */
    public Optional<Appended> appendPending(Connection c) throws SQLException {
        if (log == null) {
            load(c);
        }
        List<PendingChunk> pending = ChunkRoots.pending(c, limit);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            ChunkRoots.assign(c, pending, log.size());
            for (PendingChunk p : pending) {
                log.append(hasher.hashLeaf(p.root()), tiles::completed);
            }
            tiles.flush(c);
            long size = log.size();
            byte[] root = log.root();
            String note = signer.sign(size, root, previousNoteHash);
            long id = CheckpointRows.insert(c, origin, size, root, note, previousNoteHash, ledger, hold);
            c.commit();
            previousNoteHash = NoteHash.of(note);
            return Optional.of(new Appended(id, size, root, note));
        } catch (SQLException | RuntimeException e) {
            log = null; // it may hold roots the rollback took back: read it afresh next time
            tiles.discard();
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the caller hears of the first failure
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }
}
