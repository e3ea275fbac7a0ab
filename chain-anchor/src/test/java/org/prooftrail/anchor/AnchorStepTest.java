package org.prooftrail.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.Checkpoints;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.ledger.Ledger;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.ChunkRoots;
import org.prooftrail.store.log.LogAppender;
import org.prooftrail.store.log.NoteHash;
import org.prooftrail.store.log.StoredCheckpoint;

/** The anchoring step against the real PostgreSQL: signed checkpoints, chained, with their ledger receipts. */
class AnchorStepTest {
    private static final String ORIGIN = "anchor.test/log";
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void onceSignsAChainedCheckpointWithALocalReceipt() throws Exception {
        try (Connection c = db.connection()) {
            insertChunk(c, 1);
            insertChunk(c, 2);
            assertEquals(2, AnchorStep.once(db.dataSource(), ORIGIN, key, "sha256"));
            insertChunk(c, 3);
            assertEquals(3, AnchorStep.once(db.dataSource(), ORIGIN, key, "sha256"));
            assertEquals(3, AnchorStep.once(db.dataSource(), ORIGIN, key, "sha256"), "nothing pending: the size stays");

            assertEquals(2, CheckpointRows.latest(c, 10).size(), "nothing pending makes no checkpoint");
            StoredCheckpoint first = CheckpointRows.latest(c, 10).get(0);
            StoredCheckpoint latest = CheckpointRows.latest(c);
            assertNull(SignedNote.problem(latest.note(), logKey));
            Checkpoint cp = Checkpoints.parse(latest.note());
            assertEquals(3, cp.size());
            assertArrayEquals(MerkleTree.of(HASHER, ChunkRoots.logged(c, 0, Long.MAX_VALUE).stream().map(HASHER::hashLeaf).toList()).root(), cp.root());
            assertTrue(latest.note().startsWith(cp.body(NoteHash.of(first.note())) + "\n"), "it names its predecessor");

            assertTrue(CheckpointRows.unpublished(c, 10).isEmpty(), "both checkpoints have their receipt");
            Receipt receipt = new ObjectMapper().readValue(CheckpointRows.covering(c, 2).orElseThrow().receiptJson(), Receipt.class);
            assertEquals(LocalLedger.NAME, receipt.ledger());
            assertNull(LocalLedger.problem(latest.note(), receipt));
        }
    }

    @Test
    void aRefusedPublicationLeavesTheCheckpointStoredAndIsRetried() throws Exception {
        FlakyLedger ledger = new FlakyLedger();
        AnchorStep step = new AnchorStep(ORIGIN, key, HASHER, ledger);
        try (Connection c = db.connection()) {
            insertChunk(c, 1);
            LogAppender.Appended appended = step.appendPending(c).orElseThrow();
            Optional<AnchorStep.NotPublished> refused = step.publishUnpublished(c);
            assertTrue(refused.isPresent());
            assertEquals(1, refused.get().treeSize());
            assertEquals("down", refused.get().cause().getMessage());
            assertEquals(appended.checkpointId(), CheckpointRows.latest(c).id(), "the checkpoint is stored all the same");
            assertEquals(1, CheckpointRows.unpublished(c, 10).size());

            ledger.up = true;
            assertEquals(Optional.empty(), step.publishUnpublished(c));
            assertTrue(CheckpointRows.unpublished(c, 10).isEmpty());
            assertEquals("flaky", CheckpointRows.covering(c, 0).orElseThrow().ledger());
            assertEquals(Optional.empty(), step.appendPending(c), "nothing pending");
        }
    }

    /** A ledger that refuses until it is up. */
    private static final class FlakyLedger implements Ledger {
        volatile boolean up;

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Receipt publish(String signedNote) throws LedgerException {
            if (!up) {
                throw new LedgerException("down");
            }
            return new LocalLedger().publish(signedNote);
        }
    }

    /** A committed chunk as ingest leaves it: no log index yet. */
    private static void insertChunk(Connection c, int n) throws SQLException {
        byte[] root = HASHER.hashLeaf(new byte[] {(byte) n});
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO chunk (hash_alg, size, root, leaf_hashes) VALUES ('sha256', 1, ?, ?)")) {
            st.setBytes(1, root);
            st.setBytes(2, root);
            st.executeUpdate();
        }
    }
}
