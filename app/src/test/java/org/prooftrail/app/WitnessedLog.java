package org.prooftrail.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.WitnessPolicy;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.anchor.witness.WitnessSettings;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * A node with every role whose checkpoints three witness nodes (each with its own Vert.x, key, state
 * file and port, kept across restarts) must cosign, quorum 2, and devices that publish to it over MQTT.
 */
final class WitnessedLog implements AutoCloseable {
    static final int QUORUM = 2;
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

    /** One witness as its operator runs it: started, stopped and started again on the same port with the same state. */
    static final class TestWitness {
        final String name;
        final Path keyFile;
        final Path stateFile;
        final CosignerKey id;
        private final String logs;
        private int port;
        private WitnessNode node;

        TestWitness(Path dir, int n, LogKey log) throws Exception {
            name = "witness" + n + ".prooftrail.test/w";
            keyFile = dir.resolve("witness" + n + ".key.pem");
            stateFile = dir.resolve("witness" + n).resolve("state.json");
            SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
            KeyFiles.writePrivate(keyFile, key);
            id = new CosignerKey(name, key.verifyingKey());
            logs = log.vkey().encode();
        }

        void start() {
            node = WitnessNode.start(Settings.of(Map.of(
                    WitnessSettings.NAME, name,
                    WitnessSettings.KEY_FILE, keyFile.toString(),
                    WitnessSettings.LOGS, logs,
                    WitnessSettings.STATE_FILE, stateFile.toString(),
                    ApiSettings.HOST, "127.0.0.1",
                    ApiSettings.PORT, Integer.toString(port))));
            port = node.httpPort();
        }

        void stop() {
            node.close();
            node = null;
        }

        boolean running() {
            return node != null;
        }

        /** The size of the latest checkpoint it cosigned, from its state file. */
        long cosignedSize() {
            return node.witness().latest(AllRolesNode.LOG_ORIGIN).map(c -> c.size()).orElse(0L);
        }

        String entry() {
            return "http://127.0.0.1:" + port + "/ " + id.vkey().encode();
        }
    }

    final List<TestWitness> witnesses = new ArrayList<>();
    final List<SimDevice> devices = new ArrayList<>();
    final LogKey logKey;
    final Path logPub;
    final Node node;
    private final String clientId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int published;

    WitnessedLog(Path dir, int deviceCount) throws Exception {
        Path logKeyFile = DemoLogKey.ensure(dir);
        logPub = dir.resolve("log.pub.pem");
        logKey = new LogKey(AllRolesNode.LOG_ORIGIN, KeyFiles.readPrivate(logKeyFile).verifyingKey());
        for (int i = 1; i <= 3; i++) {
            TestWitness w = new TestWitness(dir, i, logKey);
            w.start();
            witnesses.add(w);
        }
        clientId = "pt-witnessed-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(TestServices.freshDatabase(), logKeyFile, clientId, Map.of(
                Witnesses.LIST, witnesses.stream().map(TestWitness::entry).collect(Collectors.joining(",")),
                Witnesses.QUORUM, Integer.toString(QUORUM),
                Witnesses.TIMEOUT, "2s",
                "PT_ANCHOR_INTERVAL", "200ms",
                "PT_INGEST_BATCH_IDLE", "50ms",
                // tests poll proofs until a cosigned checkpoint covers them: not the public limit's business
                "PT_PROOF_RATE_LIMIT", "1000000"));
        DeviceRegistry registry = new DeviceRegistry(node.database().dataSource());
        new Organisations(node.database().dataSource()).ensure("acme", "Acme");
        for (int i = 0; i < deviceCount; i++) {
            SimDevice d = new SimDevice("acme", "fridge-" + i, SignatureAlgorithm.EdDSA, 1);
            registry.registerDevice("acme", d.id(), "sensor");
            registry.addKey(d.id(), d.kid(), SignatureAlgorithm.EdDSA.jwsName(), d.publicKeyPem());
            devices.add(d);
        }
    }

    /** The policy of the three witnesses and the quorum the anchorer was given. */
    WitnessPolicy policy() {
        return new WitnessPolicy(witnesses.stream().map(w -> w.id).toList(), QUORUM);
    }

    /** Each device publishes {@code perDevice} readings at QoS 1; returns once the broker acknowledged them all. */
    void publish(int perDevice) throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub", 50)) {
            for (int i = 0; i < perDevice; i++) {
                for (SimDevice d : devices) {
                    acks.add(pub.publish(d.readingsTopic(), d.readings(START.plusSeconds(published + i), 5.0)));
                }
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        }
        published += perDevice;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String base() {
        return "http://127.0.0.1:" + node.httpPort();
    }

    String proofUrl(SimDevice d, long seq) {
        return base() + "/v1/proofs/" + d.id() + "/" + seq;
    }

    /** The proof bundle of an envelope, or null while the API answers 404 (not yet in a published checkpoint). */
    ProofBundle proof(SimDevice d, long seq) throws Exception {
        HttpResponse<String> r = get("/v1/proofs/" + d.id() + "/" + seq);
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET proof " + d.id() + "/" + seq + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readValue(r.body(), ProofBundle.class);
    }

    @Override
    public void close() {
        node.close();
        TestServices.clearMqttSession(clientId + "-ingest");
        for (TestWitness w : witnesses) {
            if (w.running()) {
                w.stop();
            }
        }
    }
}
