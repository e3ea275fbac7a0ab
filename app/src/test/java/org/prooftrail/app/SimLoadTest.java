package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.load.DatabaseRegistrar;
import org.prooftrail.sim.load.Fault;
import org.prooftrail.sim.load.LoadPlan;
import org.prooftrail.sim.load.LoadResult;
import org.prooftrail.sim.load.LoadRun;
import org.prooftrail.sim.load.LoadSummary;
import org.prooftrail.sim.load.StoreReport;

/**
 * A load run with every kind of fault against a real broker, ingest, anchorer and database: every
 * acknowledged good envelope is stored and anchored, and the faults the simulator says it injected
 * are exactly the rejections ingest stored, reason by reason.
 */
class SimLoadTest {
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
    void injectedFaultsMatchStoredRejectionsAndGoodDataIsStoredAndAnchored(@TempDir Path dir) throws Exception {
        clientId = "pt-sim-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(dir, clientId, Map.of());

        Map<Fault, Double> faults = new HashMap<>();
        for (Fault f : Fault.values()) {
            faults.put(f, 0.03);
        }
        LoadPlan plan = new LoadPlan("simtest", 12, 3, 250, Duration.ofSeconds(4),
                LoadPlan.parseAlgorithms("EdDSA:2,ES256:1,SM2SM3:1"), 0.05, faults, 300_000);
        LoadRun run = new LoadRun(plan, 42);
        List<SimDevice> fleet = run.devices("t1");
        assertEquals(3, fleet.stream().filter(d -> d.key().algorithm() == SignatureAlgorithm.SM2SM3).count());
        new DatabaseRegistrar(node.database().dataSource()).register(plan.org(), "Sim test", fleet);

        LoadResult result;
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub", 500)) {
            result = run.run(fleet, pub);
        }
        assertEquals(0, result.failed());
        assertTrue(result.published().size() >= 900, "about 1,000 good envelopes offered: " + result.published().size());
        long injected = result.injected().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(injected >= 50, "faults of every kind were injected: " + result.injected());

        // acknowledged by the broker does not yet mean stored; wait for ingest, then compare
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                StoreReport.rejections(node.database().dataSource(), result).values().stream().mapToLong(Long::longValue).sum() >= injected);
        StoreReport store = StoreReport.read(node.database().dataSource(), result, Duration.ofSeconds(60));
        assertEquals(result.published().size(), store.stored(), "every good envelope stored");
        assertEquals(result.published().size(), store.anchored(), "every good envelope anchored");
        for (Fault f : Fault.values()) {
            assertTrue(result.injected().get(f) > 0, f + " injected");
            assertEquals(result.injected().get(f), store.rejections().getOrDefault(f.expectedRejection(), 0L),
                    f + " injected vs stored " + f.expectedRejection());
        }
        String summary = LoadSummary.format(result, store);
        assertTrue(summary.contains("every injected fault was caught and counted once"), summary);
        assertTrue(store.anchoredMillis().p99() >= store.storedMillis().p50(), summary);
    }

    @Test
    void badKnobsAreConfigurationErrors() {
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("sim", "--devices", "0"));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("sim", "--algs", "RSA:1"));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("sim", "--faults", "gremlins=0.1"));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("sim", "--duration", "forever"));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("sim", "--register", "smoke-signals"));
    }
}
