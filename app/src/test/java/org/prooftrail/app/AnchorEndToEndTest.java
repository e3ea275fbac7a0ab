package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import picocli.CommandLine;

/**
 * Envelopes published over MQTT end up in a signed checkpoint within seconds; their proof bundles,
 * fetched over HTTP, pass {@code prooftrail verify}; and altering an envelope, a chunk's leaf hashes
 * or a checkpoint directly in PostgreSQL makes both {@code verify} and {@code audit} fail and say what.
 */
class AnchorEndToEndTest {
    private Node node;
    private String clientId;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (clientId != null) {
            TestServices.clearMqttSession(clientId + "-ingest");
        }
    }

    @Test
    void publishedEnvelopesAreAnchoredVerifiableAndTamperingIsCaught(@TempDir Path dir) throws Exception {
        anchoredVerifiableAndTamperEvident(dir, DemoLogKey.ensure(dir), "sha256");
    }

    /** National-algorithm mode: an SM2 log key and SM3 for every Merkle hash. */
    @Test
    void theSameHoldsWithSm2AndSm3(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("log.key.pem");
        SigningKey sm2 = SigningKey.generate(SignatureAlgorithm.SM2SM3);
        KeyFiles.writePrivate(key, sm2);
        java.nio.file.Files.writeString(dir.resolve("log.pub.pem"), PublicKeys.toPem(sm2.verifyingKey()));
        anchoredVerifiableAndTamperEvident(dir, key, "sm3");
        assertEquals(0, count(lastDb, "SELECT count(*) FROM chunk WHERE hash_alg <> 'sm3'"), "SM3 throughout");
    }

    private DatabaseSettings lastDb;
    private int victimLeaf;

    private void anchoredVerifiableAndTamperEvident(Path dir, Path logKey, String hash) throws Exception {
        DatabaseSettings db = TestServices.freshDatabase();
        lastDb = db;
        Path logPub = dir.resolve("log.pub.pem");
        clientId = "pt-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        env.put("PT_MQTT_URL", TestServices.mqttUrl());
        env.put("PT_MQTT_CLIENT_ID", clientId);
        env.put("PT_MQTT_SHARED_GROUP", clientId);
        env.put("PT_INGEST_SESSION_EXPIRY", "10m");
        env.put("PT_HTTP_PORT", "0");
        env.put("PT_HTTP_HOST", "127.0.0.1");
        env.put("PT_LOG_KEY_FILE", logKey.toString());
        env.put("PT_LOG_ORIGIN", "e2e.prooftrail.test/log");
        env.put("PT_HASH", hash);
        env.put("PT_INGEST_BATCH_IDLE", "50ms"); // a burst becomes chunks of several envelopes
        node = Node.start(Settings.of(env), EnumSet.of(Role.ALL));

        DeviceRegistry registry = new DeviceRegistry(node.database().dataSource());
        Organisations orgs = new Organisations(node.database().dataSource());
        orgs.ensure("acme", "Acme");
        List<SimDevice> devices = new ArrayList<>();
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            SimDevice d = new SimDevice("acme", "dev-" + alg.jwsName().toLowerCase(), alg, 1);
            registry.registerDevice("acme", d.id(), "sensor");
            registry.addKey(d.id(), d.kid(), alg.jwsName(), d.publicKeyPem());
            devices.add(d);
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub", 50)) {
            for (int i = 0; i < 20; i++) {
                for (SimDevice d : devices) {
                    acks.add(pub.publish(d.readingsTopic(), d.readings(Instant.parse("2026-11-25T08:00:00Z").plusSeconds(i), 5.0)));
                }
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        }
        // acknowledged by the broker -> stored -> in a chunk -> in a signed checkpoint: within 3 s
        long acked = System.nanoTime();
        long[] storedAt = {0};
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (storedAt[0] == 0 && count(db, "SELECT count(*) FROM envelope") == 60) {
                    storedAt[0] = System.nanoTime();
                }
                return count(db, "SELECT count(*) FROM envelope e JOIN chunk c ON c.id = e.chunk_id "
                        + "WHERE c.log_index < (SELECT coalesce(max(tree_size), 0) FROM checkpoint)") == 60;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not all 60 envelopes in a checkpoint 3 s after their PUBACKs; all stored after "
                    + (storedAt[0] == 0 ? "(not yet)" : (storedAt[0] - acked) / 1_000_000 + " ms"), e);
        }

        String base = "http://127.0.0.1:" + node.httpPort() + "/v1/proofs/";
        for (SimDevice d : devices) {
            Run ok = run("verify", base + d.id() + "/7", "--log-key", logPub.toString());
            assertEquals(0, ok.exit, ok.out);
            assertTrue(ok.out.contains("PASS  device signature") && ok.out.contains("PASS  checkpoint signature")
                    && ok.out.contains("PASS  ledger receipt"), ok.out);
        }
        Run audit = audit(db, logPub);
        assertEquals(0, audit.exit, audit.out);
        assertTrue(audit.out.contains("audited") && audit.out.contains("60 envelopes"), audit.out);

        String victim = devices.get(0).id();
        // 1. an envelope's bytes
        sql(db, "UPDATE envelope SET jws = jws || '\\x00'::bytea WHERE device_id = '" + victim + "' AND seq = 7");
        Run v1 = run("verify", base + victim + "/7", "--log-key", logPub.toString());
        assertEquals(1, v1.exit, v1.out);
        assertTrue(v1.out.contains("FAIL  device signature") && v1.out.contains("FAIL  envelope in chunk"), v1.out);
        Run a1 = audit(db, logPub);
        assertEquals(1, a1.exit, a1.out);
        assertTrue(a1.out.contains("seq 7") && a1.out.contains(victim) && a1.out.contains("does not hash to the stored leaf hash"), a1.out);
        sql(db, "UPDATE envelope SET jws = substring(jws from 1 for length(jws) - 1) WHERE device_id = '" + victim + "' AND seq = 7");
        assertEquals(0, run("verify", base + victim + "/7", "--log-key", logPub.toString()).exit, "restored");

        // 2. a chunk's leaf hashes: the victim's neighbour's, so the victim's audit path changes
        String chunkOf;
        String neighbourProof;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT e.chunk_id, e.leaf_index, e.device_id, e.seq FROM envelope e "
                     + "JOIN chunk ch ON ch.id = e.chunk_id WHERE ch.size >= 2 ORDER BY e.id LIMIT 1")) {
            assertTrue(rs.next(), "a chunk of at least two envelopes");
            chunkOf = Long.toString(rs.getLong(1));
            neighbourProof = base + rs.getString(3) + "/" + rs.getLong(4);
            victimLeaf = rs.getInt(2);
        }
        byte[] leaves = bytes(db, "SELECT leaf_hashes FROM chunk WHERE id = " + chunkOf);
        byte[] altered = leaves.clone();
        int hashSize = 32;
        altered[(victimLeaf ^ 1) * hashSize] ^= 0x01; // the sibling leaf
        setLeaves(db, chunkOf, altered);
        Run v2 = run("verify", neighbourProof, "--log-key", logPub.toString());
        assertEquals(1, v2.exit, v2.out);
        assertTrue(v2.out.contains("FAIL  envelope in chunk"), v2.out);
        Run a2 = audit(db, logPub);
        assertEquals(1, a2.exit, a2.out);
        assertTrue(a2.out.contains("does not hash to the stored leaf hash") && a2.out.contains("is not the root of its stored leaf hashes"), a2.out);
        setLeaves(db, chunkOf, leaves);
        assertEquals(0, audit(db, logPub).exit, "restored");

        // 3. the checkpoint that covers the envelope: its size line changed
        sql(db, "UPDATE checkpoint SET note = replace(note, '\n' || tree_size || '\n', '\n' || (tree_size + 1) || '\n') "
                + "WHERE tree_size = (SELECT min(tree_size) FROM checkpoint WHERE tree_size > "
                + "(SELECT log_index FROM chunk WHERE id = (SELECT chunk_id FROM envelope WHERE device_id = '" + victim + "' AND seq = 7)))");
        Run v3 = run("verify", base + victim + "/7", "--log-key", logPub.toString());
        Run a3 = audit(db, logPub);
        assertEquals(1, a3.exit, a3.out);
        assertTrue(a3.out.contains("checkpoint at tree size") && a3.out.contains("does not verify"), a3.out);
        assertEquals(1, v3.exit, v3.out);
        assertTrue(v3.out.contains("FAIL  chunk in log") && v3.out.contains("FAIL  checkpoint signature"), v3.out);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter text = new StringWriter();
        CommandLine cl = ProofTrailCommand.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int exit = cl.execute(args);
        return new Run(exit, text.toString());
    }

    private static Run audit(DatabaseSettings db, Path logPub) {
        return run("audit", "--log-key", logPub.toString(), "--origin", "e2e.prooftrail.test/log",
                "--db-url", db.url(), "--db-user", db.user());
    }

    private static byte[] bytes(DatabaseSettings db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private static void setLeaves(DatabaseSettings db, String chunkId, byte[] leaves) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             java.sql.PreparedStatement st = c.prepareStatement("UPDATE chunk SET leaf_hashes = ? WHERE id = " + chunkId)) {
            st.setBytes(1, leaves);
            st.executeUpdate();
        }
    }

    private static long count(DatabaseSettings db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(DatabaseSettings db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
