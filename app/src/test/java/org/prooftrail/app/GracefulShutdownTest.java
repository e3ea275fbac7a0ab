package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.registry.DeviceRegistry;
import org.prooftrail.core.storage.Database;
import org.prooftrail.core.storage.DatabaseSettings;
import org.prooftrail.core.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * Two ingest processes and one anchorer share the work; one ingest gets SIGTERM mid-stream. It
 * leaves the subscription, commits and acknowledges what it holds and exits within the grace
 * period; the other takes over; nothing is lost and nothing stored twice, and the anchorer logs it all.
 */
class GracefulShutdownTest {
    private static final int MESSAGES = 3_000;
    private static final int RATE_PER_SECOND = 300;

    @Test
    void sigtermToOneIngestMidStreamLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        // Runs against the machine's Mosquitto (CI's second pass), as the deployment promise is about
        // external brokers. HiveMQ CE, the embedded demo broker, was seen to keep a departed member's
        // share of a shared subscription from the member that stayed (3,000 acknowledged, 859 stored).
        Assumptions.assumeTrue(TestServices.externalBroker(), "needs PT_TEST_MQTT_URL (an external broker)");
        DatabaseSettings db = TestServices.freshDatabase();
        List<SimDevice> devices = new ArrayList<>();
        try (Database database = Database.open(db)) {
            database.migrate();
            DeviceRegistry registry = new DeviceRegistry(database.dataSource());
            registry.registerOrganisation("coop", "Coop");
            for (int i = 0; i < 10; i++) {
                SimDevice d = new SimDevice("coop", "silo-" + i, SignatureAlgorithm.EdDSA, 1);
                registry.registerDevice("coop", d.id(), "sensor");
                registry.addKey(d.id(), d.kid(), "EdDSA", d.publicKeyPem());
                devices.add(d);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        env.put("PT_DB_PASSWORD", db.password());
        env.put("PT_MQTT_URL", TestServices.mqttUrl());
        env.put("PT_MQTT_SHARED_GROUP", "pt-grace-" + run);
        env.put("PT_INGEST_SESSION_EXPIRY", "10m");
        env.put("PT_HTTP_PORT", "0");
        env.put("PT_LOG_KEY_FILE", DemoLogKey.ensure(dir).toString());
        Map<String, String> envA = new HashMap<>(env);
        envA.put("PT_MQTT_CLIENT_ID", "pt-grace-a-" + run);
        Map<String, String> envB = new HashMap<>(env);
        envB.put("PT_MQTT_CLIENT_ID", "pt-grace-b-" + run);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildProcess a = ChildProcess.start(envA, dir.resolve("a.log"), "serve", "--role", "ingest");
             ChildProcess b = ChildProcess.start(envB, dir.resolve("b.log"), "serve", "--role", "ingest");
             ChildProcess anchor = ChildProcess.start(env, dir.resolve("anchor.log"), "serve", "--role", "anchor");
             MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), "pt-grace-pub-" + run, 100)) {
            a.awaitServing(60);
            b.awaitServing(60);
            anchor.awaitServing(60);
            Thread publisher = new Thread(() -> {
                Instant t = Instant.parse("2026-11-20T08:00:00Z");
                long interval = 1_000_000_000L / RATE_PER_SECOND;
                long next = System.nanoTime();
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        SimDevice d = devices.get(i % devices.size());
                        long seq = d.nextSeq();
                        String key = d.id() + ":" + seq;
                        pub.publish(d.readingsTopic(), d.readingsWithSeq(seq, t.plusSeconds(i), 6.0)).thenRun(() -> acknowledged.add(key));
                        next += interval;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not synchronising the test
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "publisher");
            publisher.start();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "SELECT count(*) FROM envelope") >= 800);

            long t0 = System.nanoTime();
            int exit = a.terminate(30);
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(143, exit, "ingest A stopped by SIGTERM within the grace period");
            assertTrue(stopMillis < 30_000, "stopped in " + stopMillis + " ms");
            String logA = Files.readString(dir.resolve("a.log"));
            assertTrue(logA.contains("left $share/") && logA.contains("ingest stopped"), logA.substring(Math.max(0, logA.length() - 2000)));

            publisher.join(60_000);
            try {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                        .until(() -> count(db, "SELECT count(*) FROM envelope") >= acknowledged.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("acknowledged " + acknowledged.size() + ", stored "
                        + count(db, "SELECT count(*) FROM envelope"), e);
            }
            assertEquals(MESSAGES, acknowledged.size(), "the broker acknowledged every publish");
            Set<String> stored = new HashSet<>();
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_id || ':' || seq FROM envelope")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            assertEquals(List.of(), acknowledged.stream().filter(k -> !stored.contains(k)).toList(), "nothing lost");
            assertEquals(count(db, "SELECT count(*) FROM envelope"), count(db, "SELECT count(DISTINCT (device_id, seq)) FROM envelope"),
                    "nothing twice");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    count(db, "SELECT count(*) FROM chunk WHERE log_index IS NULL") == 0);
        } finally {
            TestServices.clearMqttSession("pt-grace-a-" + run + "-ingest");
            TestServices.clearMqttSession("pt-grace-b-" + run + "-ingest");
        }
    }

    private static long count(DatabaseSettings db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
