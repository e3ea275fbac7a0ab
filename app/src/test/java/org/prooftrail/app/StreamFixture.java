package org.prooftrail.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * What the process-level stream tests share: a fresh database with registered devices, the
 * environment for {@code prooftrail serve}, a paced publisher that records what the broker
 * acknowledged, and the (device, seq) keys that ended up stored.
 */
final class StreamFixture {
    final DatabaseSettings db = TestServices.freshDatabase();
    final List<SimDevice> devices = new ArrayList<>();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    StreamFixture(String org, String devicePrefix, int count) throws Exception {
        try (Database database = Database.open(db)) {
            database.migrate();
            DeviceRegistry registry = new DeviceRegistry(database.dataSource());
            Organisations orgs = new Organisations(database.dataSource());
            orgs.ensure(org, org);
            for (int i = 0; i < count; i++) {
                SimDevice d = new SimDevice(org, devicePrefix + i, SignatureAlgorithm.EdDSA, 1);
                registry.registerDevice(org, d.id(), "sensor");
                registry.addKey(d.id(), d.kid(), "EdDSA", d.publicKeyPem());
                devices.add(d);
            }
        }
    }

    /** Environment for {@code serve} against the test database and broker, in shared group {@code group}. */
    Map<String, String> serveEnv(String group) {
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        env.put("PT_DB_PASSWORD", db.password());
        env.put("PT_MQTT_URL", TestServices.mqttUrl());
        env.put("PT_MQTT_SHARED_GROUP", group);
        env.put("PT_INGEST_SESSION_EXPIRY", "10m");
        env.put("PT_HTTP_PORT", "0");
        return env;
    }

    /** Publishes {@code messages} readings round-robin over the devices at {@code perSecond}; started. */
    Thread publish(MqttPublisher pub, int messages, int perSecond) {
        Thread publisher = new Thread(() -> {
            Instant t = Instant.parse("2026-11-20T08:00:00Z");
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            try {
                for (int i = 0; i < messages; i++) {
                    SimDevice d = devices.get(i % devices.size());
                    long seq = d.nextSeq();
                    String key = d.id() + ":" + seq;
                    pub.publish(d.readingsTopic(), d.readingsWithSeq(seq, t.plusSeconds(i), 5.0)).thenRun(() -> acknowledged.add(key));
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
        return publisher;
    }

    /** Acknowledged messages that are not stored. */
    List<String> lost() throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT device_id || ':' || seq FROM envelope")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        return acknowledged.stream().filter(k -> !stored.contains(k)).toList();
    }

    long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
