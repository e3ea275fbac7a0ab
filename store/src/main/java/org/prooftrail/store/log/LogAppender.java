package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * The log's one append step: the chunks ingest committed and the log has not taken yet get the next
 * log indexes in commit order, and one checkpoint over the grown log is signed (by the caller's
 * {@link NoteSigner}: the signing keys and note format belong to the anchorer) and stored, chained
 * to the previous one by its note hash, all in one transaction. The anchorer runs it each interval,
 * demos and tests run it once. Publishing to a ledger is a separate step: a stored checkpoint is
 * already safe, and a ledger that is down only delays its receipt.
 *
 * <p>The log's tree is held in memory between appends and read afresh from all chunk roots when the
 * appender starts or after a failed append. Only one appender may write at a time (the anchorer's
 * advisory lock sees to that); another would find its chunks logged meanwhile and fail.
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
    private MerkleTree log;
    private byte[] previousNoteHash;

    /**
     * @param ledger the name of the ledger the checkpoints will be published to
     * @param limit  the most chunks one checkpoint takes; the rest wait for the next append
     */
    public LogAppender(MerkleHasher hasher, String origin, String ledger, NoteSigner signer, int limit) {
        this.hasher = hasher;
        this.origin = origin;
        this.ledger = ledger;
        this.signer = signer;
        this.limit = limit;
    }

    /** Reads the log and the newest checkpoint afresh. */
    public Loaded load(Connection c) throws SQLException {
        log = null;
        MerkleTree tree = ChunkRoots.logTree(c, hasher);
        StoredCheckpoint latest = CheckpointRows.latest(c);
        previousNoteHash = latest == null ? null : NoteHash.of(latest.note());
        log = tree;
        return new Loaded(tree.size(), latest == null ? 0 : latest.treeSize());
    }

    /** The log's size as this appender knows it, or -1 before it has read the log. */
    public long size() {
        MerkleTree t = log;
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
                log.append(hasher.hashLeaf(p.root()));
            }
            long size = log.size();
            byte[] root = log.root();
            String note = signer.sign(size, root, previousNoteHash);
            long id = CheckpointRows.insert(c, origin, size, root, note, previousNoteHash, ledger);
            c.commit();
            previousNoteHash = NoteHash.of(note);
            return Optional.of(new Appended(id, size, root, note));
        } catch (SQLException | RuntimeException e) {
            log = null; // it may hold roots the rollback took back: read it afresh next time
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
