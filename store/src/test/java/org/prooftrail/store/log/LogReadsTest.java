package org.prooftrail.store.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** What proofs and audits read from the log, against the real PostgreSQL. */
class LogReadsTest {
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private Database db;

    @BeforeEach
    void open() throws SQLException {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO organisation (id, name) VALUES ('org1', 'Org')");
            st.execute("INSERT INTO device (id, org_id) VALUES ('dev1', 'org1')");
            st.execute("INSERT INTO device_key (kid, device_id, alg, public_key_pem) VALUES ('k1', 'dev1', 'EdDSA', 'PEM')");
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aProofReadsTheEnvelopeOnlyOnceItsChunkIsLoggedAndCovered() throws SQLException {
        try (Connection c = db.connection()) {
            long chunk = storeChunk(c, 0, 3);
            assertTrue(ProofReads.loggedEnvelope(c, "dev1", 1).isEmpty(), "not yet in the log");
            assertTrue(ProofReads.newestAnchored(db.dataSource()).isEmpty());
            assertTrue(ProofReads.loggedEnvelope(c, "dev1", 99).isEmpty(), "unknown");

            appender().appendPending(c).orElseThrow();
            ProofReads.LoggedEnvelope e = ProofReads.loggedEnvelope(c, "dev1", 1).orElseThrow();
            assertArrayEquals(jws(1), e.jws());
            assertEquals("k1", e.kid());
            assertEquals("EdDSA", e.alg());
            assertEquals("PEM", e.publicKeyPem());
            assertEquals(chunk, e.chunkId());
            assertEquals(1, e.leafIndex());
            assertEquals(3, e.chunkSize());
            assertEquals(0, e.logIndex());
            assertEquals("sha256", e.hashAlg());
            assertEquals(Optional.of(new ProofReads.EnvelopeKey("dev1", 2)), ProofReads.newestAnchored(db.dataSource()));

            storeChunk(c, 3, 2);
            assertEquals(Optional.of(new ProofReads.EnvelopeKey("dev1", 2)), ProofReads.newestAnchored(db.dataSource()),
                    "the newest covered one, not the newest stored");
        }
    }

    @Test
    void anAuditReadsEachChunkWithItsEnvelopesInLeafOrder() throws SQLException {
        try (Connection c = db.connection()) {
            long first = storeChunk(c, 0, 2);
            long second = storeChunk(c, 2, 3);
            appender().appendPending(c).orElseThrow();

            List<AuditReads.AuditedChunk> chunks = new ArrayList<>();
            AuditReads.chunksFrom(c, 0, chunks::add);
            assertEquals(List.of(first, second), chunks.stream().map(AuditReads.AuditedChunk::id).toList());
            AuditReads.AuditedChunk b = chunks.get(1);
            assertEquals(3, b.size());
            assertEquals(List.of(0, 1, 2), b.envelopes().stream().map(AuditReads.EnvelopeBytes::leafIndex).toList());
            assertEquals(List.of(2L, 3L, 4L), b.envelopes().stream().map(AuditReads.EnvelopeBytes::seq).toList());
            assertArrayEquals(jws(3), b.envelopes().get(1).jws());
            assertArrayEquals(root(2, 3), b.root());

            List<AuditReads.AuditedChunk> recent = new ArrayList<>();
            AuditReads.chunksFrom(c, second, recent::add);
            assertEquals(List.of(second), recent.stream().map(AuditReads.AuditedChunk::id).toList());
            assertEquals(second, AuditReads.recentChunkStart(c, 1));
            assertEquals(0, AuditReads.recentChunkStart(c, 5), "fewer chunks than asked for: from the start");

            AuditReads.AuditedCheckpoints none = AuditReads.checkpointsFrom(c, 3);
            assertNull(none.hashAlg());
            assertTrue(none.checkpoints().isEmpty());
            AuditReads.AuditedCheckpoints all = AuditReads.checkpointsFrom(c, 0);
            assertEquals("sha256", all.hashAlg());
            assertEquals(List.of(2L), all.checkpoints().stream().map(StoredCheckpoint::treeSize).toList());
        }
    }

    @Test
    void aHoleInTheLogIsReportedWithoutAnSqlState() throws SQLException {
        try (Connection c = db.connection()) {
            storeChunk(c, 0, 1);
            long later = storeChunk(c, 1, 1);
            try (PreparedStatement st = c.prepareStatement("UPDATE chunk SET log_index = 5 WHERE id = ?")) {
                st.setLong(1, later);
                st.executeUpdate();
            }
            SQLException hole = assertThrows(SQLException.class, () -> ChunkRoots.logged(c, 0, Long.MAX_VALUE));
            assertNull(hole.getSQLState(), "a finding, not an outage");
            assertTrue(hole.getMessage().contains("index 0 is missing"), hole.getMessage());
        }
    }

    private static LogAppender appender() {
        return new LogAppender(HASHER, "store.test/log", "local", (size, root, previous) -> "note " + size + "\n", 100);
    }

    private static byte[] jws(long seq) {
        return ("header.payload-" + seq + ".signature").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] root(long firstSeq, int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(HASHER.hashLeaf(jws(firstSeq + i)));
        }
        return MerkleTree.of(HASHER, leaves).root();
    }

    /** A chunk over envelopes {@code firstSeq..firstSeq+size-1} of dev1, committed as ingest does. */
    private static long storeChunk(Connection c, long firstSeq, int size) throws SQLException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (int i = 0; i < size; i++) {
            packed.writeBytes(HASHER.hashLeaf(jws(firstSeq + i)));
        }
        long chunk;
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO chunk (hash_alg, size, root, leaf_hashes) VALUES ('sha256', ?, ?, ?) RETURNING id")) {
            st.setInt(1, size);
            st.setBytes(2, root(firstSeq, size));
            st.setBytes(3, packed.toByteArray());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                chunk = rs.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO envelope (device_id, seq, kind, kid, alg, device_ts, jws, "
                + "chunk_id, leaf_index) VALUES ('dev1', ?, 'readings', 'k1', 'EdDSA', now(), ?, ?, ?)")) {
            for (int i = 0; i < size; i++) {
                st.setLong(1, firstSeq + i);
                st.setBytes(2, jws(firstSeq + i));
                st.setLong(3, chunk);
                st.setInt(4, i);
                st.executeUpdate();
            }
        }
        return chunk;
    }
}
