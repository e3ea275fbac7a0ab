package org.prooftrail.anchor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.ledger.Ledger;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.witness.CosignatureCollector;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.LogAppender;
import org.prooftrail.store.log.LogProofs;
import org.prooftrail.store.log.StoredCheckpoint;

/**
 * The anchoring step, the one implementation that the anchorer runs each interval and demos and
 * tests run once: append the pending chunk roots to the log and sign a checkpoint over them
 * ({@link LogAppender} does the storing, this class the signing), then publish the checkpoints that
 * still lack a receipt to the ledger and store the receipts.
 */
public final class AnchorStep {
    /** The most chunks one checkpoint takes. */
    static final int PENDING_LIMIT = 10_000;
    /** The most unpublished checkpoints one step publishes. */
    static final int PUBLISH_LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checkpoint the ledger did not take (it stays unpublished and is retried next step). */
    public record NotPublished(long treeSize, LedgerException cause) {
    }

    /** A checkpoint still held back for want of its witnesses' quorum, and why. */
    public record Held(long treeSize, String reason) {
    }

    private final LogKey logKey;
    private final Ledger ledger;
    private final LogAppender appender;
    private final LogProofs proofs;
    private final CosignatureCollector witnesses;

    public AnchorStep(String origin, SigningKey key, MerkleHasher hasher, Ledger ledger) {
        this(origin, key, hasher, ledger, Witnesses.NONE);
    }

    public AnchorStep(String origin, SigningKey key, MerkleHasher hasher, Ledger ledger, Witnesses witnesses) {
        this.logKey = new LogKey(origin, key.verifyingKey());
        this.ledger = ledger;
        this.appender = new LogAppender(hasher, origin, ledger.name(),
                (size, root, previous) -> SignedNote.sign(new Checkpoint(origin, size, root).body(previous), logKey, key),
                PENDING_LIMIT, witnesses.required());
        this.proofs = new LogProofs(hasher);
        this.witnesses = new CosignatureCollector(witnesses);
    }

    /**
     * One step in place, for tests and demos that run no anchorer, with the local ledger. Never run it
     * beside an active anchorer: that one holds the log's advisory lock and would find the log
     * changed under it.
     *
     * @return the new tree size, or the old one when nothing was pending
     */
    public static long once(DataSource db, String origin, SigningKey key, String hashAlg) throws SQLException {
        AnchorStep step = new AnchorStep(origin, key, MerkleHasher.byName(hashAlg), new LocalLedger());
        try (Connection c = db.getConnection()) {
            step.appendPending(c);
            Optional<NotPublished> failed = step.publishUnpublished(c);
            if (failed.isPresent()) {
                throw new IllegalStateException("the local ledger refused a checkpoint", failed.get().cause());
            }
            return step.treeSize();
        }
    }

    public LogKey logKey() {
        return logKey;
    }

    /** Reads the log afresh: on becoming the active anchorer. */
    public LogAppender.Loaded load(Connection c) throws SQLException {
        return appender.load(c);
    }

    /** The log's size as this step knows it, or -1 before it has read the log. */
    public long treeSize() {
        return appender.size();
    }

    /** @return the signed and stored checkpoint, or empty when no chunk was pending */
    public Optional<LogAppender.Appended> appendPending(Connection c) throws SQLException {
        return appender.appendPending(c);
    }

    /**
     * Submits the newest held checkpoint to the witnesses, with consistency proofs from the log's tiles,
     * and publishes it once the quorum has cosigned (older held checkpoints are superseded by it). Ingest
     * never waits for this: a held checkpoint only delays what proofs can show.
     *
     * @return empty when nothing is held back (any more), otherwise the held size and why
     */
    public Optional<Held> cosignHeld(Connection c) throws SQLException {
        StoredCheckpoint held = CheckpointRows.awaitingWitnesses(c);
        if (held == null) {
            return Optional.empty();
        }
        Witnesses config = witnesses.witnesses();
        CosignatureCollector.Outcome outcome = witnesses.collect(held.note(), held.treeSize(),
                (from, to) -> proofs.consistencyProof(c, from, to));
        if (outcome.cosignatures().size() >= config.quorum()) {
            CheckpointRows.cosigned(c, held.id(), outcome.lines());
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder().append(outcome.cosignatures().size()).append(" of the ")
                .append(config.quorum()).append(" cosignatures needed");
        outcome.refusals().forEach((name, reason) -> why.append("; ").append(name).append(": ").append(reason));
        return Optional.of(new Held(held.treeSize(), why.toString()));
    }

    /**
     * Publishes the checkpoints still without a receipt, oldest first, storing each receipt; stops at
     * the first the ledger refuses. The checkpoint itself is already safe, so a refusal is retried later.
     */
    public Optional<NotPublished> publishUnpublished(Connection c) throws SQLException {
        for (StoredCheckpoint cp : CheckpointRows.unpublished(c, PUBLISH_LIMIT)) {
            try {
                CheckpointRows.storeReceipt(c, cp.id(), JSON.writeValueAsString(ledger.publish(cp.note())));
            } catch (LedgerException e) {
                return Optional.of(new NotPublished(cp.treeSize(), e));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }
}
