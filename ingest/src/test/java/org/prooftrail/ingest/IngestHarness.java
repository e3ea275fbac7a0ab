package org.prooftrail.ingest;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * A real ingest against the test broker and a fresh database. Each harness uses its own shared
 * subscription group and client id, and removes its broker session when closed, so tests sharing a
 * broker (the machine's Mosquitto in CI) never take each other's messages.
 */
final class IngestHarness implements AutoCloseable {
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String group = "pt-test-" + run;
    final DatabaseSettings dbSettings;
    final Database db;
    final DeviceRegistry registry;
    private final Map<String, String> overrides;
    private final java.util.List<IngestService> services = new java.util.ArrayList<>();
    private final java.util.List<String> clientIds = new java.util.ArrayList<>();

    IngestHarness(Map<String, String> overrides) {
        this(TestServices.freshDatabase(), overrides);
    }

    IngestHarness(DatabaseSettings dbSettings, Map<String, String> overrides) {
        this.overrides = overrides;
        this.dbSettings = dbSettings;
        this.db = Database.open(dbSettings);
        db.migrate();
        this.registry = new DeviceRegistry(db.dataSource());
    }

    /** The meters of the replica started last. */
    SimpleMeterRegistry meters;

    /** Starts one ingest replica (several may run) against the given database settings. */
    IngestService startIngest(DatabaseSettings target) throws Exception {
        return startIngest(target, TestServices.mqttUrl(), nextClientId());
    }

    /** The client id the next replica started by {@link #startIngest(DatabaseSettings)} takes. */
    String nextClientId() {
        return group + "-" + services.size();
    }

    /** Starts one ingest replica against the given broker. */
    IngestService startIngest(DatabaseSettings target, String mqttUrl) throws Exception {
        return startIngest(target, mqttUrl, nextClientId());
    }

    /** Starts one ingest replica against a broker of the test's own, under a given client id. */
    IngestService startIngest(DatabaseSettings target, String mqttUrl, String clientId) throws Exception {
        return startIngest(target, mqttUrl, clientId, new SimpleMeterRegistry());
    }

    /** As above, its meters in {@code registry}, which can be read while it starts (it may receive before start returns). */
    IngestService startIngest(DatabaseSettings target, String mqttUrl, String clientId, SimpleMeterRegistry registry)
            throws Exception {
        if (mqttUrl.equals(TestServices.mqttUrl())) {
            clientIds.add(clientId);
        }
        Map<String, String> values = new HashMap<>();
        values.put(IngestSettings.REVOCATION_POLL, "200ms");
        values.put(IngestSettings.SESSION_EXPIRY, "10m");
        values.putAll(overrides);
        IngestSettings settings = IngestSettings.from(Settings.of(values));
        MqttSettings mqtt = new MqttSettings(mqttUrl, null, null, clientId, group);
        Database database = target == dbSettings ? db : Database.open(target);
        meters = registry;
        IngestService service = IngestService.start(settings, mqtt, database, meters);
        services.add(service);
        return service;
    }

    IngestService startIngest() throws Exception {
        return startIngest(dbSettings);
    }

    SimDevice device(String org, String id, SignatureAlgorithm alg) throws SQLException {
        new Organisations(db.dataSource()).ensure(org, org);
        registry.registerDevice(org, id, "sensor");
        SimDevice d = new SimDevice(org, id, alg, 1);
        registry.addKey(id, d.kid(), alg.jwsName(), d.publicKeyPem());
        return d;
    }

    MqttPublisher publisher() throws Exception {
        return new MqttPublisher(TestServices.mqttUrl(), "pt-test-pub-" + UUID.randomUUID().toString().substring(0, 8), 200);
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void awaitCount(String sql, long expected, Duration within) throws SQLException {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> count(sql) >= expected);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + expected + " from " + sql + " within " + within + ", found " + count(sql)
                    + "; " + state(), e);
        }
    }

    /** What each replica has received, stored and holds, to tell a broker that stopped sending from a stuck ingest. */
    String state() {
        StringBuilder b = new StringBuilder();
        for (IngestService s : services) {
            IngestMetrics m = s.metrics();
            b.append(String.format("[replica: received %.0f, stored %.0f, duplicates %.0f, in flight %d, pauses %d, problem %s] ",
                    m.receivedCount(), m.storedCount(), m.duplicateCount(), m.inFlightMessages(), m.pauses(), s.problem()));
        }
        return b.toString();
    }

    @Override
    public void close() throws Exception {
        for (IngestService s : services) {
            s.close();
        }
        for (String id : clientIds) {
            TestServices.clearMqttSession(id);
        }
        db.close();
    }
}
