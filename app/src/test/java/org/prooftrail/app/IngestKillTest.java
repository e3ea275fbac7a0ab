package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * Kills the ingest process with SIGKILL in the middle of a stream and starts it again: every message
 * the broker acknowledged to the publisher must end up stored, none twice. The publisher is paced
 * (250 messages/s) so that what queues at the broker while ingest is down stays under Mosquitto's
 * default limit of 1,000 queued messages per session, past which Mosquitto itself drops messages.
 */
class IngestKillTest {
    private static final int MESSAGES = 3_000;
    private static final int RATE_PER_SECOND = 250;

    @Test
    void afterSigkillAndRestartEveryAcknowledgedMessageIsStoredOnce(@TempDir Path dir) throws Exception {
        DatabaseSettings db = TestServices.freshDatabase();
        List<SimDevice> devices = new ArrayList<>();
        try (Database database = Database.open(db)) {
            database.migrate();
            DeviceRegistry registry = new DeviceRegistry(database.dataSource());
            registry.registerOrganisation("pharma", "Pharma");
            for (int i = 0; i < 10; i++) {
                SimDevice d = new SimDevice("pharma", "line-" + i, SignatureAlgorithm.EdDSA, 1);
                registry.registerDevice("pharma", d.id(), "sensor");
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
        env.put("PT_MQTT_CLIENT_ID", "pt-kill-" + run);
        env.put("PT_MQTT_SHARED_GROUP", "pt-kill-" + run);
        env.put("PT_INGEST_SESSION_EXPIRY", "10m");
        env.put("PT_HTTP_PORT", "0");
        Path log = dir.resolve("ingest.log");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ChildProcess first = ChildProcess.start(env, log, "serve", "--role", "ingest");
        first.awaitServing(60);
        Thread publisher;
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), "pt-kill-pub-" + run, 100)) {
            publisher = new Thread(() -> {
                Instant t = Instant.parse("2026-11-20T08:00:00Z");
                long interval = 1_000_000_000L / RATE_PER_SECOND;
                long next = System.nanoTime();
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        SimDevice d = devices.get(i % devices.size());
                        long seq = d.nextSeq();
                        byte[] envelope = d.readingsWithSeq(seq, t.plusSeconds(i), 5.0);
                        String key = d.id() + ":" + seq;
                        pub.publish(d.readingsTopic(), envelope).thenRun(() -> acknowledged.add(key));
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

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "SELECT count(*) FROM envelope") >= 500);
            first.kill();
            long storedAtKill = count(db, "SELECT count(*) FROM envelope");
            assertTrue(storedAtKill < MESSAGES, "killed mid-stream");

            try (ChildProcess second = ChildProcess.start(env, log, "serve", "--role", "ingest")) {
                second.awaitServing(60);
                publisher.join(60_000);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90))
                        .until(() -> count(db, "SELECT count(*) FROM envelope") >= acknowledged.size());
                Set<String> stored = new java.util.HashSet<>();
                try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT device_id || ':' || seq FROM envelope")) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
                List<String> missing = acknowledged.stream().filter(k -> !stored.contains(k)).toList();
                assertEquals(List.of(), missing, "every acknowledged message is stored");
                assertEquals(count(db, "SELECT count(*) FROM envelope"),
                        count(db, "SELECT count(DISTINCT (device_id, seq)) FROM envelope"), "none twice");
                // the JVM reports 143 (128 + SIGTERM) once its shutdown hooks have run
                int exit = second.terminate(30);
                assertEquals(143, exit, "stopped by SIGTERM, not killed after the grace period");
                String output = java.nio.file.Files.readString(log);
                assertTrue(output.contains("ingest stopped"), "ingest drained and stopped: " + output.substring(Math.max(0, output.length() - 3000)));
            }
        } finally {
            first.close();
            TestServices.clearMqttSession("pt-kill-" + run + "-ingest");
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
