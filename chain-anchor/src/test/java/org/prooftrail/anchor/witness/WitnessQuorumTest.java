package org.prooftrail.anchor.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.AnchorService;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.WitnessPolicy;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.proof.BundleVerifier;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.LogProofs;
import org.prooftrail.store.log.StoredCheckpoint;

/**
 * Three witness servers (each its own Vert.x, real HTTP), quorum 2, the anchorer against the real
 * PostgreSQL: cosigned checkpoints; one witness down and publishing goes on; two down and checkpoints
 * are held back (the log still takes every chunk) until a witness returns; a restarted witness keeps
 * its state; and a log rolled back to another history of the same size is refused by every witness.
 */
class WitnessQuorumTest {
    private static final String ORIGIN = "quorum.test/log";
    private static final MerkleHasher HASHER = MerkleHasher.sha256();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final SigningKey logSigner = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final LogKey logKey = new LogKey(ORIGIN, logSigner.verifyingKey());
    private final SigningKey device = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final List<TestWitness> witnesses = new ArrayList<>();
    private Database db;
    private AnchorService anchor;
    private int seq;

    @TempDir
    Path dir;

    /** One witness process stand-in: its own Vert.x, key, state file and port (kept across restarts). */
    private final class TestWitness {
        final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        final CosignerKey id;
        final Path state;
        int port;
        Vertx vertx;
        Witness witness;

        TestWitness(int n) {
            id = new CosignerKey("witness" + n + ".quorum.test/w", key.verifyingKey());
            state = dir.resolve("w" + n + "/state.json");
        }

        void start() throws Exception {
            vertx = Vertx.vertx();
            witness = new Witness(id, key, Map.of(ORIGIN, logKey), StateFile.open(state), Clock.systemUTC());
            WitnessServer server = new WitnessServer(witness, "127.0.0.1", port, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of());
            vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
            port = server.actualPort();
        }

        void stop() throws Exception {
            vertx.close().await(10, TimeUnit.SECONDS);
            vertx = null;
        }

        WitnessEndpoint endpoint() {
            return new WitnessEndpoint(URI.create("http://127.0.0.1:" + port), id);
        }
    }

    @BeforeEach
    void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        for (int i = 1; i <= 3; i++) {
            TestWitness w = new TestWitness(i);
            w.start();
            witnesses.add(w);
        }
    }

    @AfterEach
    void close() throws Exception {
        if (anchor != null) {
            anchor.close();
        }
        for (TestWitness w : witnesses) {
            if (w.vertx != null) {
                w.stop();
            }
        }
        db.close();
    }

    @Test
    void publishesWithAQuorumHoldsBackWithoutOneAndResumesByItself() throws Exception {
        startAnchor();
        WitnessPolicy policy = new WitnessPolicy(witnesses.stream().map(w -> w.id).toList(), 2);

        byte[] first = storeChunk();
        StoredCheckpoint cp1 = awaitPublished(1);
        List<String> cosigners = policy.check(cp1.note()).cosigners();
        assertTrue(cosigners.size() >= 2, "two or three cosignatures: " + cosigners);
        assertTrue(verify(first, 0, policy), "a bundle with the quorum verifies");

        witnesses.get(2).stop();
        storeChunk();
        StoredCheckpoint cp2 = awaitPublished(2);
        assertTrue(policy.check(cp2.note()).met(), "one witness down: still two cosignatures");
        await().atMost(WAIT).until(() -> anchor.problem() == null);

        long secondKnew = witnesses.get(1).witness.latest(ORIGIN).orElseThrow().size();
        witnesses.get(1).stop();
        storeChunk();
        await().atMost(WAIT).until(() -> anchor.problem() != null && anchor.problem().contains("held back"));
        assertTrue(anchor.problem().contains("1 of the 2 cosignatures needed"), anchor.problem());
        storeChunk();
        await().atMost(WAIT).until(() -> loggedChunks() == 4);
        assertEquals(2, published().treeSize(), "nothing newer is published without the quorum; proofs say pending");

        witnesses.get(1).start();
        assertEquals(secondKnew, witnesses.get(1).witness.latest(ORIGIN).orElseThrow().size(), "a restarted witness keeps its state");
        StoredCheckpoint cp4 = awaitPublished(4);
        assertTrue(policy.check(cp4.note()).met());
        await().atMost(WAIT).until(() -> anchor.problem() == null);
    }

    @Test
    void everyWitnessRefusesARolledBackLogAndVerifyRejectsItsCheckpoint() throws Exception {
        startAnchor();
        WitnessPolicy policy = new WitnessPolicy(witnesses.stream().map(w -> w.id).toList(), 2);
        storeChunk();
        awaitPublished(1);
        storeChunk();
        storeChunk();
        awaitPublished(3);
        await().atMost(WAIT).until(() -> witnesses.stream().allMatch(w -> w.witness.latest(ORIGIN).map(c -> c.size() == 3).orElse(false)));
        anchor.close();
        anchor = null;

        // The operator rewrites history: the log after its first chunk root is replaced by two other ones.
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM checkpoint WHERE tree_size > 1");
            st.executeUpdate("DELETE FROM chunk WHERE log_index >= 1");
            st.executeUpdate("DELETE FROM log_tile");
        }
        storeChunk();
        byte[] forged = storeChunk();
        startAnchor();
        await().atMost(WAIT).until(() -> anchor.problem() != null && anchor.problem().contains("0 of the 2"));
        String why = anchor.problem();
        for (TestWitness w : witnesses) {
            assertTrue(why.contains(w.id.name() + ": 422"), "each witness refuses the forked checkpoint: " + why);
        }
        assertEquals(1, published().treeSize(), "the forked checkpoint is not published");

        // Published anyway, behind the witnesses' back: a verifier with the policy refuses it.
        anchor.close();
        anchor = null;
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE checkpoint SET held = false");
        }
        assertFalse(verify(forged, 2, policy), "no quorum: not verified");
        assertTrue(verify(forged, 2, new WitnessPolicy(policy.witnesses(), 0)), "the rest of the bundle is sound");
    }

    private void startAnchor() {
        Witnesses config = new Witnesses(witnesses.stream().map(TestWitness::endpoint).toList(), 2, Duration.ofSeconds(2));
        AnchorSettings settings = new AnchorSettings(Duration.ofMillis(100), ORIGIN, logSigner, "sha256", "local").withWitnesses(config);
        anchor = new AnchorService(settings, db.settings(), new LocalLedger(), new SimpleMeterRegistry()).start();
    }

    /** What ingest stores for one envelope: a chunk of one JWS leaf. */
    private byte[] storeChunk() throws SQLException {
        byte[] jws = jws(++seq);
        byte[] root = HASHER.hashLeaf(jws);
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO chunk (hash_alg, size, root, leaf_hashes) VALUES ('sha256', 1, ?, ?)")) {
            st.setBytes(1, root);
            st.setBytes(2, root);
            st.executeUpdate();
        }
        return jws;
    }

    private byte[] jws(int n) {
        return new JwsSigner("dev-k1", device).sign(("{\"dev\":\"dev\",\"seq\":" + n + ",\"ts\":\"2026-11-25T08:00:00Z\","
                + "\"readings\":[{\"t\":\"2026-11-25T08:00:00Z\",\"temp\":5.1,\"hum\":55.0}]}").getBytes(StandardCharsets.UTF_8));
    }

    private StoredCheckpoint awaitPublished(long size) throws SQLException {
        await().atMost(WAIT).until(() -> published() != null && published().treeSize() >= size);
        return published();
    }

    private StoredCheckpoint published() throws SQLException {
        try (Connection c = db.connection()) {
            return CheckpointRows.latest(c);
        }
    }

    private long loggedChunks() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM chunk WHERE log_index IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Builds the bundle of the envelope at {@code logIndex} against the latest published checkpoint and verifies it. */
    private boolean verify(byte[] jws, long logIndex, WitnessPolicy policy) throws SQLException {
        StoredCheckpoint cp = published();
        assertNotNull(cp);
        List<String> path;
        try (Connection c = db.connection()) {
            path = new LogProofs(HASHER).inclusionProof(c, logIndex, cp.treeSize()).stream().map(HexFormat.of()::formatHex).toList();
        }
        byte[] root = HASHER.hashLeaf(jws);
        ProofBundle bundle = new ProofBundle(1, "sha256",
                new ProofBundle.Envelope("dev", logIndex + 1, new String(jws, StandardCharsets.US_ASCII), "dev-k1", "EdDSA",
                        PublicKeys.toPem(device.verifyingKey())),
                new ProofBundle.Chunk(1, 1, 0, List.of(), HexFormat.of().formatHex(root)),
                new ProofBundle.LogPath(logIndex, cp.treeSize(), path),
                new ProofBundle.Anchor(cp.note(), "local", null));
        List<BundleVerifier.Step> steps = new BundleVerifier(logKey, Map.of(LocalLedger.NAME, LocalLedger::problem), policy).verify(bundle);
        // the receipt is left out of this bundle: every other step decides
        List<BundleVerifier.Step> decisive = steps.stream().filter(s -> !s.name().equals("ledger receipt")).toList();
        assertNull(decisive.stream().filter(s -> !s.passed() && !s.name().equals("cosignatures")).findFirst().orElse(null),
                "only the cosignatures may fail: " + steps);
        if (policy.quorum() > 0) {
            assertTrue(bundle.checkpoint().cosigners().size() >= (decisive.stream().allMatch(BundleVerifier.Step::passed) ? 2 : 0),
                    "the bundle names its cosigners");
        }
        return decisive.stream().allMatch(BundleVerifier.Step::passed);
    }
}
