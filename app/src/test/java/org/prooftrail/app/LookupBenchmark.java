package org.prooftrail.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.load.DatabaseRegistrar;
import org.prooftrail.sim.load.LoadPlan;
import org.prooftrail.sim.load.LoadRun;

/**
 * Consumer provenance lookups per second and their latency with wrk: idle, then while ingest runs at
 * a given rate (half its measured maximum), and in the same run a trivial Vert.x endpoint on the same
 * machine as the ceiling. Tag "benchmark": run with
 * <pre>
 * PT_TEST_MQTT_URL=tcp://127.0.0.1:1883 PT_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test PT_TEST_DB_USER=postgres \
 *   ./mvnw -pl app -am verify -Dtest=LookupBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dpt.bench.ingestRate=2500
 * </pre>
 */
@Tag("benchmark")
class LookupBenchmark {
    private static final int SECONDS = 15;
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
    void lookupsIdleAndUnderIngestAgainstATrivialEndpoint(@TempDir Path dir) throws Exception {
        clientId = "pt-lookup-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(dir, clientId, Map.of("PT_DB_POOL_SIZE", "16", "PT_PUBLIC_RATE_LIMIT", "1000000"));
        String base = "http://127.0.0.1:" + node.httpPort();
        ColdChainFixture.Stored cc = ColdChainFixture.store(node.database().dataSource(), base, "sha256");
        List<String> items = List.of(cc.itemPath(0), cc.itemPath(1), cc.itemPath(2));
        Path work = dir.resolve("wrk");

        Vertx vertx = Vertx.vertx();
        HttpServer trivial = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        StringBuilder out = new StringBuilder("| what | requests/s | p50 ms | p99 ms |\n|---|---|---|---|\n");
        try {
            row(out, "trivial Vert.x endpoint (ceiling)",
                    Wrk.run("http://127.0.0.1:" + trivial.actualPort(), List.of("/"), "*/*", 2, 32, SECONDS, work));
            row(out, "provenance JSON, idle", Wrk.run(base, items, "application/json", 2, 32, SECONDS, work));
            row(out, "consumer page HTML, idle", Wrk.run(base, items, "text/html", 2, 32, SECONDS, work));

            double rate = Double.parseDouble(System.getProperty("pt.bench.ingestRate", "2000"));
            LoadPlan plan = new LoadPlan("lookupload", 100, 5, rate, Duration.ofSeconds(SECONDS + 10),
                    Map.of(SignatureAlgorithm.EdDSA, 1), 0.0, Map.of(), 300_000);
            LoadRun run = new LoadRun(plan, 3);
            List<SimDevice> fleet = run.devices("l1");
            new DatabaseRegistrar(node.database().dataSource()).register(plan.org(), "load", fleet);
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> {
                try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub", 2000)) {
                    run.run(fleet, pub);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(3000); // let the offered ingest load settle before measuring lookups under it
            row(out, String.format("provenance JSON, ingest at %.0f envelopes/s", rate),
                    Wrk.run(base, items, "application/json", 2, 32, SECONDS, work));
            ingest.get(2, TimeUnit.MINUTES);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        System.out.println(out);
        java.nio.file.Files.writeString(Path.of("target/lookup.md"), out);
    }

    private static void row(StringBuilder out, String what, Wrk.Result r) {
        String line = String.format("| %s | %.0f | %.2f | %.2f |%s", what, r.requestsPerSecond(), r.p50Millis(), r.p99Millis(),
                r.non2xx() > 0 ? " (" + r.non2xx() + " non-2xx)" : "");
        System.out.println(line);
        out.append(line).append('\n');
    }
}
