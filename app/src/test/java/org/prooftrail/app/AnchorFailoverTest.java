package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.AnchorService;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleProofs;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;

/**
 * The active anchorer is killed (SIGKILL, its own process); the standby in this JVM takes over within
 * seconds, no chunk is skipped or logged twice, and the log stays consistent: the consistency proof
 * from the last checkpoint before the kill to the first after it verifies.
 */
class AnchorFailoverTest {

    @Test
    void theStandbyTakesOverAndTheLogStaysConsistent(@TempDir Path dir) throws Exception {
        DatabaseSettings db = TestServices.freshDatabase();
        Path logKey = DemoLogKey.ensure(dir);
        try (Database database = Database.open(db)) {
            database.migrate();
            addChunks(db, 0, 5);
            Map<String, String> env = new HashMap<>();
            env.put("PT_DB_URL", db.url());
            env.put("PT_DB_USER", db.user());
            env.put("PT_MQTT_URL", TestServices.mqttUrl());
            env.put("PT_HTTP_PORT", "0");
            env.put("PT_LOG_KEY_FILE", logKey.toString());
            env.put("PT_ANCHOR_INTERVAL", "200ms");
            try (ChildProcess active = ChildProcess.start(env, dir.resolve("anchor.log"), "serve", "--role", "anchor")) {
                active.awaitServing(60);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> maxSize(db) == 5);
                AnchorSettings settings = AnchorSettings.from(Settings.of(env));
                try (AnchorService standby = new AnchorService(settings, db, new LocalLedger(), new SimpleMeterRegistry()).start()) {
                    addChunks(db, 5, 3);
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> maxSize(db) == 8);
                    assertTrue(!standby.isActive(), "the standby waits while the active anchorer lives");

                    active.kill();
                    long before = maxSize(db);
                    addChunks(db, 8, 4);
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(standby::isActive);
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> maxSize(db) == 12);

                    assertEquals(12, count(db, "SELECT count(DISTINCT log_index) FROM chunk WHERE log_index IS NOT NULL"));
                    assertEquals(11, count(db, "SELECT max(log_index) FROM chunk"), "indexes 0..11: none skipped, none twice");
                    assertConsistent(db, before, 12);
                }
            }
        }
    }

    private static void assertConsistent(DatabaseSettings db, long first, long second) throws Exception {
        MerkleHasher hasher = MerkleHasher.sha256();
        List<byte[]> leaves = new ArrayList<>();
        Map<Long, byte[]> roots = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT root FROM chunk ORDER BY log_index")) {
                while (rs.next()) {
                    leaves.add(hasher.hashLeaf(rs.getBytes(1)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT tree_size, note FROM checkpoint")) {
                while (rs.next()) {
                    roots.put(rs.getLong(1), Base64.getDecoder().decode(rs.getString(2).split("\n")[2]));
                }
            }
        }
        var tree = org.prooftrail.core.merkle.MerkleTree.of(hasher, leaves);
        var proof = tree.consistencyProof(first, second);
        var v = MerkleProofs.verifyConsistency(hasher, first, second, roots.get(first), roots.get(second), proof);
        assertTrue(v.ok(), "checkpoint " + first + " -> " + second + ": " + v.reason());
    }

    /** Chunks as ingest commits them (the anchorer only reads their roots). */
    private static void addChunks(DatabaseSettings db, int from, int n) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            for (int i = from; i < from + n; i++) {
                String root = HexFormat.of().formatHex(MerkleHasher.sha256().hashLeaf(new byte[] {(byte) i}));
                s.execute("INSERT INTO chunk (hash_alg, size, root, leaf_hashes) VALUES ('sha256', 1, '\\x" + root + "', '\\x" + root + "')");
            }
        }
    }

    private static long maxSize(DatabaseSettings db) throws Exception {
        return count(db, "SELECT coalesce(max(tree_size), 0) FROM checkpoint");
    }

    private static long count(DatabaseSettings db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
