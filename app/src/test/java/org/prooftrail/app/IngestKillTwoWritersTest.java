package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;

/**
 * SIGKILL of ingest while both of its writers (PT_INGEST_WRITERS=2) hold a batch in an open
 * transaction: a lock the test takes on {@code envelope} holds both at their envelope insert, and the
 * process is killed once the database shows two of its connections waiting there. After a restart,
 * every message the broker acknowledged to the publisher is stored once, and every chunk is dense
 * (leaf indexes 0..n-1, as many envelopes as its size) with a root that recomputes from its envelopes.
 */
class IngestKillTwoWritersTest {
    private static final int MESSAGES = 2_000;
    // what queues at the broker while ingest is held, killed and restarting stays under Mosquitto's
    // default 1,000 messages per session (see IngestKillTest)
    private static final int RATE_PER_SECOND = 100;

    @Test
    void killedWithTwoBatchesInFlightEveryAcknowledgedMessageIsStoredOnceInDenseChunks(@TempDir Path dir) throws Exception {
        StreamFixture f = new StreamFixture("pharma", "line-", 10);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = f.serveEnv("pt-kill2-" + run);
        env.put("PT_MQTT_CLIENT_ID", "pt-kill2-" + run);
        env.put("PT_INGEST_WRITERS", "2");
        Path log = dir.resolve("ingest.log");

        ChildProcess first = ChildProcess.start(env, log, "serve", "--role", "ingest");
        first.awaitServing(60);
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), "pt-kill2-pub-" + run, 100)) {
            Thread publisher = f.publish(pub, MESSAGES, RATE_PER_SECOND);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> f.count("SELECT count(*) FROM envelope") >= 200);

            try (Connection lock = DriverManager.getConnection(f.db.url(), f.db.user(), f.db.password())) {
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.execute("LOCK TABLE envelope IN EXCLUSIVE MODE"); // reads go on, inserts wait
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> f.count("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO envelope %'") >= 2);
                long storedAtKill = f.count("SELECT count(*) FROM envelope");
                first.kill();
                lock.rollback();
                assertTrue(storedAtKill < MESSAGES, "killed mid-stream");
            }

            try (ChildProcess second = ChildProcess.start(env, log, "serve", "--role", "ingest")) {
                second.awaitServing(60);
                publisher.join(60_000);
                Awaitility.await().atMost(Duration.ofSeconds(90))
                        .until(() -> f.count("SELECT count(*) FROM envelope") >= f.acknowledged.size());
                assertEquals(List.of(), f.lost(), "every acknowledged message is stored");
                assertEquals(f.count("SELECT count(*) FROM envelope"),
                        f.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"), "none twice");
                assertEveryChunkDenseAndRecomputed(f);
                assertEquals(143, second.terminate(30), "stopped by SIGTERM");
            }
        } finally {
            first.close();
            TestServices.clearMqttSession("pt-kill2-" + run + "-ingest");
        }
    }

    private static void assertEveryChunkDenseAndRecomputed(StreamFixture f) throws Exception {
        MerkleHasher hasher = MerkleHasher.sha256();
        try (Connection c = DriverManager.getConnection(f.db.url(), f.db.user(), f.db.password());
             PreparedStatement chunks = c.prepareStatement("SELECT id, size, root FROM chunk ORDER BY id");
             PreparedStatement envelopes = c.prepareStatement("SELECT leaf_index, jws FROM envelope WHERE chunk_id = ? ORDER BY leaf_index");
             ResultSet rs = chunks.executeQuery()) {
            int seen = 0;
            while (rs.next()) {
                long id = rs.getLong(1);
                List<byte[]> leaves = new ArrayList<>();
                envelopes.setLong(1, id);
                try (ResultSet e = envelopes.executeQuery()) {
                    while (e.next()) {
                        assertEquals(leaves.size(), e.getInt(1), "leaf indexes of chunk " + id + " are dense");
                        leaves.add(hasher.hashLeaf(e.getBytes(2)));
                    }
                }
                assertEquals(rs.getInt(2), leaves.size(), "chunk " + id + " holds as many envelopes as its size");
                assertArrayEquals(MerkleTree.of(hasher, leaves).root(), rs.getBytes(3), "root of chunk " + id);
                seen++;
            }
            assertTrue(seen > 1, "the stream was stored in several chunks");
        }
    }
}
