package org.prooftrail.app;

import java.awt.Color;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.store.Database;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.load.DatabaseRegistrar;
import org.prooftrail.sim.load.LoadPlan;
import org.prooftrail.sim.load.LoadResult;
import org.prooftrail.sim.load.LoadRun;
import org.prooftrail.sim.load.StoreReport;

/**
 * Ingest end to end (simulator -> broker -> ingest -> PostgreSQL, acknowledged and anchored) at a
 * sweep of offered rates, and in the same run the limits it is measured against: raw signature
 * verification of the same envelopes on all cores, raw PostgreSQL COPY of the same reading rows, the
 * broker alone ({@link BrokerCeiling}) and a trivial Vert.x endpoint.
 * Prints a markdown table and writes {@code docs/img/ingest-load.png}. Tag "benchmark": run with
 * <pre>
 * PT_TEST_MQTT_URL=tcp://127.0.0.1:1883 PT_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test PT_TEST_DB_USER=postgres \
 *   ./mvnw -pl app -am verify -Dtest=IngestLoadBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Knobs: -Dpt.bench.rates=1000,2000,... (envelopes/s offered), -Dpt.bench.seconds=15.
 */
@Tag("benchmark")
class IngestLoadBenchmark {
    private static final int DEVICES = 100;
    private static final int READINGS = 5;
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
    void sweepOfferedLoadAndCompareWithLimits(@TempDir Path dir) throws Exception {
        clientId = "pt-bench-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(dir, clientId, Map.of("PT_DB_POOL_SIZE", "12"));
        Database db = node.database();
        double[] rates = java.util.Arrays.stream(System.getProperty("pt.bench.rates", "500,1000,2000,3000,4000,5000")
                .split(",")).mapToDouble(Double::parseDouble).toArray();
        Duration each = Duration.ofSeconds(Long.getLong("pt.bench.seconds", 15));

        List<String> rows = new ArrayList<>();
        double[] achieved = new double[rates.length];
        double[] storedP50 = new double[rates.length];
        double[] storedP99 = new double[rates.length];
        double[] anchoredP50 = new double[rates.length];
        double[] anchoredP99 = new double[rates.length];
        double best = 0;
        for (int i = 0; i < rates.length; i++) {
            LoadPlan plan = new LoadPlan("bench" + i, DEVICES, READINGS, rates[i], each,
                    Map.of(SignatureAlgorithm.EdDSA, 1), 0.0, Map.of(), 300_000);
            LoadRun run = new LoadRun(plan, i);
            List<SimDevice> fleet = run.devices("b" + i);
            new DatabaseRegistrar(db.dataSource()).register(plan.org(), "bench", fleet);
            LoadResult result;
            try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub" + i, 2000)) {
                result = run.run(fleet, pub);
            }
            StoreReport store = StoreReport.read(db.dataSource(), result, Duration.ofSeconds(120));
            // sustained = stored envelopes over the time from the first publish to the last commit
            achieved[i] = store.storedPerSecond();
            storedP50[i] = store.storedMillis().p50();
            storedP99[i] = store.storedMillis().p99();
            anchoredP50[i] = store.anchoredMillis().p50();
            anchoredP99[i] = store.anchoredMillis().p99();
            boolean complete = store.stored() == result.published().size() && store.anchored() == store.stored();
            if (complete) {
                best = Math.max(best, achieved[i]);
            }
            rows.add(String.format("| %.0f | %d | %.0f | %.0f | %.0f / %.0f | %.0f / %.0f | %s |", rates[i],
                    store.stored(), achieved[i], achieved[i] * READINGS, storedP50[i], storedP99[i],
                    anchoredP50[i], anchoredP99[i], complete ? "all" : "INCOMPLETE " + store.stored() + "/" + result.published().size()));
            System.out.println(rows.get(rows.size() - 1));
        }

        double singleRate = verificationRate(SignatureAlgorithm.EdDSA, 20_000, 1);
        // what ingest's verification threads do under load: PT_INGEST_VERIFY_BATCH's default
        double verifyRate = verificationRate(SignatureAlgorithm.EdDSA, 20_000, 64);
        double copyRate = copyRate(db, 200_000);
        // the envelopes' size: 5 readings signed with Ed25519 come to about 570 bytes
        BrokerCeiling.Result broker = BrokerCeiling.rate(TestServices.mqttUrl(), 100_000, 570);
        double brokerRate = broker.perSecond();
        double httpRate = trivialHttpRate(dir.resolve("wrk"));
        StringBuilder out = new StringBuilder();
        out.append("| offered env/s | stored | achieved env/s | readings/s | stored p50 / p99 ms | anchored p50 / p99 ms | complete |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> out.append(r).append('\n'));
        out.append(String.format("%nlimits, same run: verification %.0f envelopes/s on %d cores in batches of 64 "
                + "(%.0f one by one); COPY %.0f reading rows/s; the broker alone %s of 570 bytes; "
                + "a trivial Vert.x endpoint %.0f requests/s%n",
                verifyRate, Runtime.getRuntime().availableProcessors(), singleRate, copyRate, broker.describe(), httpRate));
        out.append(String.format("best complete: %.0f envelopes/s = %.0f%% of verification, %.0f readings/s = %.0f%% of COPY, "
                + "%.0f%% of the broker alone%n",
                best, 100 * best / verifyRate, best * READINGS, 100 * best * READINGS / copyRate, 100 * best / brokerRate));
        System.out.println(out);
        java.nio.file.Files.writeString(Path.of(System.getProperty("pt.bench.out", "target/ingest-load.md")), out);
        Path png = Path.of(System.getProperty("pt.bench.plot", "../docs/img/ingest-load.png"));
        LinePlot.write(png, "Ingest: simulator -> broker -> ingest -> PostgreSQL (100 devices, 5 readings/envelope, Ed25519)",
                rates, "offered envelopes/s",
                List.of(new LinePlot.Series("achieved envelopes/s", new Color(31, 119, 180), achieved),
                        new LinePlot.Series("offered", Color.GRAY, rates)), "envelopes/s",
                List.of(new LinePlot.Series("stored p50", new Color(44, 160, 44), storedP50),
                        new LinePlot.Series("stored p99", new Color(152, 223, 138), storedP99),
                        new LinePlot.Series("anchored p50", new Color(214, 39, 40), anchoredP50),
                        new LinePlot.Series("anchored p99", new Color(255, 152, 150), anchoredP99)), "latency ms");
    }

    /** Envelopes of the benchmark's shape checked per second by EnvelopeVerifier on every core (median of 3). */
    /** A Vert.x endpoint that answers "ok", under wrk (2 threads, 32 connections, 10 s after 5 s unmeasured). */
    static double trivialHttpRate(Path work) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.http.HttpServer trivial = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
                    .listen(0, "127.0.0.1").await(10, java.util.concurrent.TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + trivial.actualPort();
            Wrk.run(base, List.of("/"), "*/*", 2, 32, 5, work);
            return Wrk.run(base, List.of("/"), "*/*", 2, 32, 10, work).requestsPerSecond();
        } finally {
            vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    static double verificationRate(SignatureAlgorithm alg, int n) throws Exception {
        return verificationRate(alg, n, 1);
    }

    /**
     * As {@link #verificationRate(SignatureAlgorithm, int)}, {@code batch} envelopes at a time through
     * {@link EnvelopeVerifier#verifyAll} (1: {@link EnvelopeVerifier#verify} one by one).
     */
    static double verificationRate(SignatureAlgorithm alg, int n, int batch) throws Exception {
        // as many devices as the load has: a batch of one device's signatures would be cheaper (its
        // key's terms are summed), so that would overstate the batch
        java.util.Map<String, DeviceKey> keys = new java.util.HashMap<>();
        List<SimDevice> devices = new ArrayList<>();
        for (int k = 0; k < DEVICES; k++) {
            SimDevice d = new SimDevice("bench", "verify-bench-" + k, alg, 1);
            devices.add(d);
            keys.put(d.kid(), new DeviceKey(d.kid(), d.id(), d.key().verifyingKey(), false));
        }
        EnvelopeVerifier verifier = new EnvelopeVerifier(kid -> Optional.ofNullable(keys.get(kid)));
        double[] temps = new double[READINGS];
        java.util.Arrays.fill(temps, 5.0);
        List<byte[]> envelopes = new ArrayList<>();
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < n; i++) {
            envelopes.add(devices.get(i % DEVICES).readings(t.plusSeconds(i / DEVICES), temps));
        }
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double[] runs = new double[3];
        try {
            for (int r = 0; r < runs.length; r++) {
                AtomicInteger next = new AtomicInteger();
                long t0 = System.nanoTime();
                List<Future<?>> work = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    work.add(pool.submit(() -> {
                        for (int i; (i = next.getAndAdd(batch)) < envelopes.size(); ) {
                            List<byte[]> some = envelopes.subList(i, Math.min(i + batch, envelopes.size()));
                            List<VerificationResult> results = batch == 1 ? List.of(verifier.verify(some.get(0)))
                                    : verifier.verifyAll(some);
                            if (!results.stream().allMatch(VerifiedEnvelope.class::isInstance)) {
                                throw new IllegalStateException("benchmark envelope did not verify");
                            }
                        }
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                runs[r] = envelopes.size() / ((System.nanoTime() - t0) / 1e9);
            }
        } finally {
            pool.shutdown();
        }
        java.util.Arrays.sort(runs);
        return runs[1];
    }

    /** Reading rows of the benchmark's shape COPYed per second into a table like {@code reading} (median of 3). */
    static double copyRate(Database db, int rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows * 80);
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < rows; i++) {
            csv.append(t.plusMillis(i)).append(",dev-").append(i % DEVICES).append(',').append(i / READINGS)
                    .append(",5.0,55.0,,,\n");
        }
        String data = csv.toString();
        double[] runs = new double[3];
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            for (int r = 0; r < runs.length; r++) {
                st.execute("DROP TABLE IF EXISTS bench_reading");
                st.execute("CREATE TABLE bench_reading (LIKE reading INCLUDING DEFAULTS)");
                st.execute("CREATE INDEX ON bench_reading (device_id, time)");
                long t0 = System.nanoTime();
                ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                        "COPY bench_reading (time, device_id, envelope_id, temperature_c, humidity_pct, latitude, longitude, extra)"
                                + " FROM STDIN (FORMAT csv)", new StringReader(data));
                runs[r] = rows / ((System.nanoTime() - t0) / 1e9);
            }
            st.execute("DROP TABLE bench_reading");
        }
        java.util.Arrays.sort(runs);
        return runs[1];
    }
}
