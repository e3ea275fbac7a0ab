package org.prooftrail.store.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** The log's append step against the real PostgreSQL, with a stand-in signer (signing belongs to chain-anchor). */
class LogAppenderTest {
    private static final String ORIGIN = "store.test/log";
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    /** Names what it was given, so a test can see the size, root and predecessor the note was asked for. */
    private static final LogAppender.NoteSigner SIGNER = (size, root, previous) -> ORIGIN + "\n" + size + "\n"
            + HexFormat.of().formatHex(root) + "\nprev " + (previous == null ? "-" : HexFormat.of().formatHex(previous)) + "\n";

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
    void pendingChunkRootsGetConsecutiveLogIndexesInCommitOrder() throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<byte[]> roots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            roots.add(HASHER.hashLeaf(("chunk " + i).getBytes(StandardCharsets.UTF_8)));
        }
        try (Connection c = db.connection()) {
            for (int i = 0; i < 3; i++) {
                ids.add(insertChunk(c, roots.get(i)));
            }
            LogAppender appender = appender();
            LogAppender.Appended first = appender.appendPending(c).orElseThrow();
            assertEquals(3, first.treeSize());
            for (int i = 3; i < 5; i++) {
                ids.add(insertChunk(c, roots.get(i)));
            }
            LogAppender.Appended second = appender.appendPending(c).orElseThrow();
            assertEquals(5, second.treeSize());
            assertEquals(5, appender.size());

            for (int i = 0; i < 5; i++) {
                assertEquals(i, logIndex(c, ids.get(i)), "chunk " + ids.get(i) + " is leaf " + i);
            }
            List<byte[]> logged = ChunkRoots.logged(c, 0, Long.MAX_VALUE);
            assertEquals(5, logged.size());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(roots.get(i), logged.get(i));
            }
            MerkleTree expected = MerkleTree.of(HASHER, roots.stream().map(HASHER::hashLeaf).toList());
            assertArrayEquals(expected.root(3), first.root());
            assertArrayEquals(expected.root(), second.root());
            assertArrayEquals(expected.root(), new LogProofs(HASHER).root(c, 5));
            assertTrue(ChunkRoots.pending(c, 100).isEmpty());
            assertTrue(c.getAutoCommit(), "the caller's auto-commit mode is restored");
        }
    }

    @Test
    void aCheckpointAndItsReceiptAreStoredAndReadBackAsLatest() throws SQLException {
        try (Connection c = db.connection()) {
            assertNull(CheckpointRows.latest(c));
            insertChunk(c, HASHER.hashLeaf(new byte[] {1}));
            LogAppender.Appended first = appender().appendPending(c).orElseThrow();
            insertChunk(c, HASHER.hashLeaf(new byte[] {2}));
            // a new appender (an anchorer taking over) reads the chain's head from the stored checkpoint
            LogAppender.Appended second = appender().appendPending(c).orElseThrow();

            StoredCheckpoint latest = CheckpointRows.latest(c);
            assertEquals(second.checkpointId(), latest.id());
            assertEquals(2, latest.treeSize());
            assertArrayEquals(second.root(), latest.root());
            assertEquals(second.note(), latest.note());
            assertArrayEquals(NoteHash.of(first.note()), latest.prevHash());
            assertTrue(second.note().contains("prev " + HexFormat.of().formatHex(NoteHash.of(first.note()))),
                    "the signer was given the previous note's hash");
            assertNull(CheckpointRows.latest(c, 5).get(0).prevHash(), "the first checkpoint has no predecessor");
            assertEquals(List.of(1L, 2L), CheckpointRows.latest(c, 5).stream().map(StoredCheckpoint::treeSize).toList());

            assertEquals(List.of(first.checkpointId(), second.checkpointId()),
                    CheckpointRows.unpublished(c, 10).stream().map(StoredCheckpoint::id).toList());
            CheckpointRows.storeReceipt(c, first.checkpointId(), "{\"ledger\": \"local\", \"n\": 1}");
            assertEquals(List.of(second.checkpointId()),
                    CheckpointRows.unpublished(c, 10).stream().map(StoredCheckpoint::id).toList());

            CoveringCheckpoint covering = CheckpointRows.covering(c, 0).orElseThrow();
            assertEquals(1, covering.treeSize());
            assertEquals(first.note(), covering.note());
            assertEquals("test-ledger", covering.ledger());
            assertNotNull(covering.receiptJson());
            assertTrue(covering.receiptJson().contains("\"n\": 1"), covering.receiptJson());
            assertNull(CheckpointRows.covering(c, 1).orElseThrow().receiptJson());
            assertTrue(CheckpointRows.covering(c, 2).isEmpty());
            assertEquals(first.note(), CheckpointRows.noteBefore(c, 2));
        }
    }

    @Test
    void nothingPendingMeansNoNewCheckpoint() throws SQLException {
        try (Connection c = db.connection()) {
            LogAppender appender = appender();
            assertEquals(Optional.empty(), appender.appendPending(c));
            assertNull(CheckpointRows.latest(c));
            assertEquals(0, appender.size());

            insertChunk(c, HASHER.hashLeaf(new byte[] {1}));
            LogAppender.Appended only = appender.appendPending(c).orElseThrow();
            assertEquals(Optional.empty(), appender.appendPending(c));
            assertEquals(Optional.empty(), appender().appendPending(c));
            assertEquals(only.checkpointId(), CheckpointRows.latest(c).id());
            assertEquals(1, CheckpointRows.latest(c, 10).size());
        }
    }

    @Test
    void onlyOneSessionHoldsTheLogWriterLock() throws SQLException {
        try (Connection holder = LogWriterLock.tryAcquire(db.settings())) {
            assertNotNull(holder);
            assertNull(LogWriterLock.tryAcquire(db.settings()), "a second session is refused while the first holds it");
        }
        try (Connection next = LogWriterLock.tryAcquire(db.settings())) {
            assertNotNull(next, "closing the holder's connection releases the lock");
        }
    }

    private static LogAppender appender() {
        return new LogAppender(HASHER, ORIGIN, "test-ledger", SIGNER, 10_000);
    }

    /** A committed chunk as ingest leaves it: no log index yet. */
    private static long insertChunk(Connection c, byte[] root) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO chunk (hash_alg, size, root, leaf_hashes) VALUES ('sha256', 1, ?, ?) RETURNING id")) {
            st.setBytes(1, root);
            st.setBytes(2, root);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long logIndex(Connection c, long chunkId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT log_index FROM chunk WHERE id = ?")) {
            st.setLong(1, chunkId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
