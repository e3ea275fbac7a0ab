package org.prooftrail.store.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** The chunks an evidence document is built from, read from the real PostgreSQL. */
class EvidenceReadsTest {
    private static final MerkleHasher HASHER = MerkleHasher.sha256();

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
    void aChunkTheLogHasNotTakenYetHasNoLogIndex() throws SQLException {
        try (Connection c = db.connection()) {
            long logged = insertChunk(c, "logged");
            LogAppender appender = new LogAppender(HASHER, "store.test/log", "local",
                    (size, root, previous) -> "store.test/log\n" + size + "\n", 100);
            appender.appendPending(c).orElseThrow();
            long waiting = insertChunk(c, "waiting");

            Map<Long, EvidenceReads.StoredChunk> chunks = EvidenceReads.chunks(c, List.of(logged, waiting));
            assertEquals(0L, chunks.get(logged).logIndex());
            // not index 0: shown as logged there, its path would lead to another root than the checkpoint's
            assertNull(chunks.get(waiting).logIndex());
        }
    }

    private static long insertChunk(Connection c, String what) throws SQLException {
        byte[] root = HASHER.hashLeaf(what.getBytes(StandardCharsets.UTF_8));
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
}
