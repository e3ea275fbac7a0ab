package org.prooftrail.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.prooftrail.sim.load.LoadResult;
import org.prooftrail.sim.load.LoadRun;
import org.prooftrail.sim.load.StoreReport;

/**
 * Lookup latency and ingest rate as the reading table grows: at each size (default 1M, 10M, 50M
 * rows) the table is filled up to it with readings of 1,000 other devices over the last 90 days (the
 * demo truck's own readings stay as they were), then wrk runs provenance lookups for 15 s and the
 * simulator offers a fixed ingest load for 15 s. Tag "benchmark": run with
 * <pre>
 * PT_TEST_MQTT_URL=tcp://127.0.0.1:1883 PT_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test PT_TEST_DB_USER=postgres \
 *   ./mvnw -pl app -am verify -Dtest=GrowthBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Knobs: -Dpt.bench.sizes=1000000,10000000,50000000, -Dpt.bench.ingestRate=3000. Needs about 10 GB of disk at 50M.
 */
@Tag("benchmark")
class GrowthBenchmark {
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
    void lookupAndIngestAsReadingsGrow(@TempDir Path dir) throws Exception {
        clientId = "pt-growth-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(dir, clientId, Map.of("PT_DB_POOL_SIZE", "16", "PT_PUBLIC_RATE_LIMIT", "1000000"));
        String base = "http://127.0.0.1:" + node.httpPort();
        ColdChainFixture.Stored cc = ColdChainFixture.store(node.database().dataSource(), base, "sha256");
        List<String> items = List.of(cc.itemPath(0), cc.itemPath(1), cc.itemPath(2));
        double rate = Double.parseDouble(System.getProperty("pt.bench.ingestRate", "3000"));

        StringBuilder out = new StringBuilder("| readings stored | fill rows/s | one lookup alone, median ms | lookups/s (32 at once)"
                + " | lookup p50 / p99 ms | ingest offered / achieved env/s | stored p50 / p99 ms |\n|---|---|---|---|---|---|---|\n");
        int step = 0;
        for (String size : System.getProperty("pt.bench.sizes", "1000000,10000000,50000000").split(",")) {
            long target = Long.parseLong(size.trim());
            double fillRate = fillTo(node, target);
            double oneAtATime = sequentialMillis(base + items.get(0));
            Wrk.Result lookups = Wrk.run(base, items, "application/json", 2, 32, 15, dir.resolve("wrk"));
            LoadPlan plan = new LoadPlan("growth" + step, 100, 5, rate, Duration.ofSeconds(15),
                    Map.of(SignatureAlgorithm.EdDSA, 1), 0.0, Map.of(), 300_000);
            LoadRun run = new LoadRun(plan, step);
            List<SimDevice> fleet = run.devices("g" + step);
            new DatabaseRegistrar(node.database().dataSource()).register(plan.org(), "growth", fleet);
            LoadResult result;
            try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub" + step, 2000)) {
                result = run.run(fleet, pub);
            }
            StoreReport store = StoreReport.read(node.database().dataSource(), result, Duration.ofSeconds(120));
            String row = String.format("| %,d | %s | %.1f | %.0f | %.1f / %.1f | %.0f / %.0f | %.0f / %.0f |", count(node),
                    Double.isNaN(fillRate) ? "-" : String.format("%,.0f", fillRate), oneAtATime, lookups.requestsPerSecond(),
                    lookups.p50Millis(), lookups.p99Millis(), rate, store.storedPerSecond(),
                    store.storedMillis().p50(), store.storedMillis().p99());
            System.out.println(row);
            out.append(row).append('\n');
            step++;
        }
        System.out.println(out);
        java.nio.file.Files.writeString(Path.of("target/growth.md"), out);
    }

    /** Adds readings of 1,000 filler devices until the table holds {@code target} rows; rows/s of the fill. */
    private static double fillTo(Node node, long target) throws Exception {
        long have = count(node);
        if (have >= target) {
            return Double.NaN;
        }
        long n = target - have;
        long t0 = System.nanoTime();
        try (Connection c = node.database().connection(); Statement st = c.createStatement()) {
            st.execute("SELECT pt_ensure_reading_partitions(now() - interval '100 days', 4)");
            // 90 days spread evenly; filler devices are not registered (reading has no foreign key to device)
            st.execute("INSERT INTO reading (time, device_id, envelope_id, temperature_c, humidity_pct) "
                    + "SELECT now() - (i * (7776000.0 / " + n + ")) * interval '1 second', 'filler-' || (i % 1000), "
                    + "-1, 3 + (i % 50) / 10.0, 55 FROM generate_series(1, " + n + ") AS i");
            // vacuum now, or autovacuum of the new rows runs during the measurements and they time it
            st.execute("VACUUM (ANALYZE) reading");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Median time of 21 lookups one after the other (after 10 to warm up): the cost of one, without queueing. */
    private static double sequentialMillis(String url) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("accept", "application/json").build();
        double[] ms = new double[31];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            http.send(req, java.net.http.HttpResponse.BodyHandlers.discarding());
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] measured = java.util.Arrays.copyOfRange(ms, 10, ms.length);
        java.util.Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static long count(Node node) throws Exception {
        try (Connection c = node.database().connection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
