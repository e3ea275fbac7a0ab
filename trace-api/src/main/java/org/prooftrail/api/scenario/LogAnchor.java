package org.prooftrail.api.scenario;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.anchor.log.LogStore;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * One anchoring step done in place, for tests and demos that run no anchorer: the pending chunk
 * roots are appended to the log and one checkpoint over them is signed and given a local-ledger
 * receipt, with the same pieces {@code AnchorService} uses. Never run it beside an active anchorer:
 * that one holds the log's advisory lock and would find the log changed under it.
 */
public final class LogAnchor {
    private LogAnchor() {
    }

    /** @return the new tree size, or the old one when nothing was pending */
    public static long anchorPending(DataSource db, String origin, SigningKey logKey, String hashAlg) throws SQLException {
        MerkleHasher hasher = MerkleHasher.byName(hashAlg);
        LogKey identity = new LogKey(origin, logKey.verifyingKey());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<byte[]> roots = LogStore.loggedRoots(c);
                MerkleTree log = MerkleTree.of(hasher, roots.stream().map(hasher::hashLeaf).toList());
                List<LogStore.PendingChunk> pending = LogStore.pending(c, 10_000);
                if (pending.isEmpty()) {
                    c.rollback();
                    return log.size();
                }
                LogStore.assign(c, pending, log.size());
                pending.forEach(p -> log.append(hasher.hashLeaf(p.root())));
                LogStore.StoredCheckpoint latest = LogStore.latest(c);
                byte[] prev = latest == null ? null : LogStore.noteHash(latest.note());
                Checkpoint cp = new Checkpoint(origin, log.size(), log.root());
                String note = SignedNote.sign(cp.body(prev), identity, logKey);
                long id = LogStore.insertCheckpoint(c, origin, cp.size(), cp.root(), note, prev, LocalLedger.NAME);
                Receipt receipt = new LocalLedger().publish(note);
                LogStore.storeReceipt(c, id, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(receipt));
                c.commit();
                return log.size();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                if (e instanceof SQLException s) {
                    throw s;
                }
                throw new IllegalStateException(e);
            }
        }
    }
}
