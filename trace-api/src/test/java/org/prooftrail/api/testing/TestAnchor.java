package org.prooftrail.api.testing;

import java.sql.Connection;
import java.util.List;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.log.LogStore;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.store.Database;

/**
 * What the anchorer does on each tick, once, on demand: append the pending chunk roots to the log
 * and sign a checkpoint chained to the previous one (the same pieces AnchorService uses, without
 * its thread, lock and ledger).
 */
public final class TestAnchor {
    public static final String ORIGIN = "prooftrail.test/log";
    private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());

    public LogKey logKey() {
        return logKey;
    }

    /** @return the new tree size */
    public long checkpoint(Database db) throws Exception {
        MerkleHasher hasher = MerkleHasher.sha256();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            MerkleTree log = MerkleTree.of(hasher, LogStore.loggedRoots(c).stream().map(hasher::hashLeaf).toList());
            List<LogStore.PendingChunk> pending = LogStore.pending(c, 10_000);
            LogStore.assign(c, pending, log.size());
            pending.forEach(p -> log.append(hasher.hashLeaf(p.root())));
            LogStore.StoredCheckpoint previous = LogStore.latest(c);
            byte[] prevHash = previous == null ? null : LogStore.noteHash(previous.note());
            Checkpoint cp = new Checkpoint(ORIGIN, log.size(), log.root());
            String note = SignedNote.sign(cp.body(prevHash), logKey, key);
            LogStore.insertCheckpoint(c, ORIGIN, cp.size(), cp.root(), note, prevHash, "local");
            c.commit();
            return log.size();
        }
    }
}
