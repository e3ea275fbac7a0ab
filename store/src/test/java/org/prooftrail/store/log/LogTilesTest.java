package org.prooftrail.store.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * The tiles written with each append, read back by proofs and by a new appender, and back-filled for a
 * log that has none: always the tree the chunk roots make.
 */
class LogTilesTest {
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final LogAppender.NoteSigner SIGNER = (size, root, previous) -> "tiles.test\n" + size + "\n"
            + HexFormat.of().formatHex(root) + "\n";

    @Test
    void appendsAcrossTileEdgesAndTakeoversKeepTilesAndProofsTrue() throws SQLException {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            List<byte[]> roots = new ArrayList<>();
            try (Connection c = db.connection()) {
                // batches that end inside, at, and across tile edges; a fresh appender (a takeover) for some
                LogAppender appender = appender();
                for (int batch : new int[] {1, 254, 1, 300, 212, 1, 1000}) {
                    insertChunks(c, roots, batch, null);
                    if (roots.size() % 3 == 0) {
                        appender = appender();
                    }
                    LogAppender.Appended a = appender.appendPending(c).orElseThrow();
                    assertArrayEquals(tree(roots).root(), a.root(), "checkpoint root at " + roots.size());
                }
                MerkleTree tree = tree(roots);
                LogProofs proofs = new LogProofs(HASHER);
                assertEquals(roots.size(), proofs.size(c));
                assertEquals(roots.size(), appender().load(c).logSize(), "a takeover reads the right edge from tiles");
                for (long size : new long[] {1, 255, 256, 257, 512, 769, roots.size()}) {
                    assertArrayEquals(tree.root(size), proofs.root(c, size));
                    for (long index : new long[] {0, size / 2, size - 1}) {
                        assertEquals(hex(tree.inclusionProof(index, size)), hex(proofs.inclusionProof(c, index, size)));
                    }
                    assertEquals(hex(tree.consistencyProof(1, size)), hex(proofs.consistencyProof(c, 1, size)));
                }
                assertEquals(8192, LogTiles.read(c, 0, 0).length, "full tile");
                assertEquals((roots.size() % 256) * 32, LogTiles.read(c, 0, roots.size() / 256).length, "partial tile");
                assertEquals((roots.size() / 256) * 32, LogTiles.read(c, 1, 0).length, "level 1 holds the full level-0 tiles");

                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE log_tile SET hashes = overlay(hashes placing '\\x00'::bytea from 1) "
                            + "WHERE level = 1 AND idx = 0");
                }
                SQLException altered = assertThrows(SQLException.class, () -> appender().load(c));
                assertTrue(altered.getMessage().contains("another root than the checkpoint"), altered.getMessage());
            }
        }
    }

    @Test
    void theMigrationBackfillsTilesForALogThatHadNone() throws SQLException {
        DatabaseSettings settings = TestServices.freshDatabase();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target("9").load().migrate();
        List<byte[]> roots = new ArrayList<>();
        try (Database db = Database.open(settings)) {
            try (Connection c = db.connection()) {
                insertChunks(c, roots, 256 * 3 + 5, 0L);
            }
            db.migrate();
            try (Connection c = db.connection()) {
                LogProofs proofs = new LogProofs(HASHER);
                assertEquals(roots.size(), proofs.size(c));
                assertArrayEquals(tree(roots).root(), proofs.root(c, roots.size()));
                // chunks logged by hand after the migration: the next appender brings the tiles up first
                insertChunks(c, roots, 300, (long) roots.size());
                assertEquals(roots.size(), appender().load(c).logSize());
                assertArrayEquals(tree(roots).root(), proofs.root(c, roots.size()));
            }
        }
    }

    private static LogAppender appender() {
        return new LogAppender(HASHER, "tiles.test", "local", SIGNER, 100_000);
    }

    /** Chunks as ingest leaves them, or already logged from {@code firstIndex} when it is not null. */
    private static void insertChunks(Connection c, List<byte[]> roots, int count, Long firstIndex) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO chunk (hash_alg, size, root, leaf_hashes, log_index) VALUES ('sha256', 1, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                byte[] root = HASHER.hashLeaf(ByteBuffer.allocate(8).putLong(roots.size()).array());
                st.setBytes(1, root);
                st.setBytes(2, root);
                st.setObject(3, firstIndex == null ? null : firstIndex + i);
                st.addBatch();
                roots.add(root);
            }
            st.executeBatch();
        }
    }

    private static MerkleTree tree(List<byte[]> roots) {
        return MerkleTree.of(HASHER, roots.stream().map(HASHER::hashLeaf).toList());
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
