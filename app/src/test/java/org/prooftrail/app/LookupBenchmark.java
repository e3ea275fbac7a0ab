package org.prooftrail.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.crypto.PrivateKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.store.Database;
import org.prooftrail.sim.load.DatabaseRegistrar;
import org.prooftrail.sim.load.LoadPlan;
import org.prooftrail.sim.load.LoadRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consumer lookups at scale (docs/benchmarks.md, "Consumer lookups at scale"): a population of
 * {@code pt.bench.items} items (default 100,000 in 1,000 lots, {@link BenchPopulation}) seeded once
 * into a kept database ({@link BenchDatabase}, {@link BenchSeeder}), then in one run: wrk at 32
 * connections on random items, JSON and HTML, idle and while ingest stores envelopes in the same
 * process and database, beside a trivial Vert.x endpoint as the ceiling; one lookup at a time (the
 * server's own time from {@code server-timing}); and single-lookup p99 at 1M stored readings and,
 * with {@code -Dpt.bench.growthReadings=50000000}, again at 50M ({@link SyntheticReadings}). Tag
 * "benchmark": run with
 * <pre>
 * PT_TEST_MQTT_URL=tcp://127.0.0.1:1883 PT_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/test PT_TEST_DB_USER=postgres \
 *   ./mvnw -pl app -am verify -Dtest=LookupBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("benchmark")
class LookupBenchmark {
    private static final int SECONDS = Integer.getInteger("pt.bench.seconds", 15);
    private static final long ITEMS = Long.getLong("pt.bench.items", 100_000);
    /** Unmeasured seconds of each kind of request before its measured phase. */
    private static final int WARMUP_SECONDS = Integer.getInteger("pt.bench.warmupSeconds", 10);
    private static final double INGEST_RATE = Double.parseDouble(System.getProperty("pt.bench.ingestRate", "2500"));
    /** The lookups offered in the first pair of rows under ingest: the 2,500/s (3,000 until 2026-12-01). */
    private static final double PACED_RATE = Double.parseDouble(System.getProperty("pt.bench.pacedRate", "2500"));
    /** The lookups offered in the paced idle rows: the 5,000/s, at which its p99 goal applies. */
    private static final double IDLE_PACED_RATE = Double.parseDouble(System.getProperty("pt.bench.idlePacedRate", "5000"));
    /** Threads the simulator signs and publishes on, each for its share of the devices and of the rate. */
    private static final int SIM_THREADS = Integer.getInteger("pt.bench.simThreads", 2);
    private static final int WORKERS = Integer.getInteger("pt.bench.workers", Runtime.getRuntime().availableProcessors());
    private static final int SINGLE_LOOKUPS = Integer.getInteger("pt.bench.singleLookups", 1000);
    private static final long BASE_READINGS = Long.getLong("pt.bench.baseReadings", 1_000_000);
    /** 0: no growth phase; 50000000 for the 50M. */
    private static final long GROWTH_READINGS = Long.getLong("pt.bench.growthReadings", 0);
    private static final boolean RESEED = Boolean.getBoolean("pt.bench.reseed");
    private static final String JSON = "application/json";
    private static final String HTML = "text/html";

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
    void randomItemLookupsOfALargePopulationIdleUnderIngestAloneAndAsReadingsGrow(@TempDir Path dir) throws Exception {
        System.out.print(damon());
        int lots = (int) Math.max(1, ITEMS / BenchPopulation.ITEMS_PER_LOT);
        DatabaseSettings settings = BenchDatabase.open((long) lots * BenchPopulation.ITEMS_PER_LOT, RESEED);
        BenchDatabase.Marker marker = seeded(settings, lots);
        Path logKey = dir.resolve("log.key.pem");
        Files.writeString(logKey, marker.logKeyPem());

        clientId = "pt-lookup-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> extra = new java.util.HashMap<>(Map.of("PT_DB_POOL_SIZE", "16",
                "PT_PUBLIC_RATE_LIMIT", "1000000", "PT_RESOLVER_BASE_URL", BenchPopulation.RESOLVER_BASE));
        String lookupThreads = System.getProperty("pt.bench.lookupThreads");
        if (lookupThreads != null) {
            extra.put("PT_API_LOOKUP_THREADS", lookupThreads);
        }
        node = AllRolesNode.start(settings, logKey, clientId, extra);
        DataSource db = node.database().dataSource();
        String base = "http://127.0.0.1:" + node.httpPort();
        List<String> paths = itemPaths(db);
        assertEquals(marker.items(), paths.size(), "every seeded item is registered");
        SequentialLookups.Result probe = SequentialLookups.run(base, paths, JSON, 0, 20, 1);
        assertEquals(0, probe.failures(), "random item lookups answer 200");

        System.out.printf("removed %,d synthetic readings of an earlier run%n", SyntheticReadings.clear(db));
        long baseReadings = SyntheticReadings.fillTo(db, BASE_READINGS);
        // Earlier runs' load envelopes, readings and scans were written minutes before this one, and
        // autovacuum may not have visited them yet: pages not yet marked all-visible cost the lots'
        // assembly heap reads that a running deployment's autovacuum keeps away (116 ms median
        // instead of 43 in one run). Measured as a deployment that keeps up.
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
        }
        // Item lookups keep their lot once assembled (KeptJourneys): the first lookup of each lot assembles
        // it (timed here, one pack per lot, one after another); the phases below measure the kept state.
        long heapBefore = heapAfterGc();
        long warmStart = System.nanoTime();
        SequentialLookups.Result assembling = SequentialLookups.each(base, onePerLot(paths), JSON);
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        assertEquals(0, assembling.failures(), "every lot assembles");
        System.out.printf("kept every lot: %,d lots assembled in %.0f s%n", assembling.lookups(), warmSeconds);
        long keptBytes = heapAfterGc() - heapBefore;
        System.out.printf("kept lots hold %,.0f MB of heap after a full GC: %,.0f KB a lot, %,.1f KB a pack "
                + "(journeys, the page's shared parts in both languages, indexes)%n", keptBytes / 1e6,
                keptBytes / 1e3 / assembling.lookups(), keptBytes / 1e3 / paths.size());
        Path work = dir.resolve("wrk");
        Table wrk = new Table("| what | requests/s | p50 ms | p99 ms | of ceiling | goal (issue 13) |",
                "|---|---|---|---|---|---|");
        Vertx vertx = Vertx.vertx();
        HttpServer trivial = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Wrk.Result ceiling;
        SequentialLookups.Result alone;
        try {
            // each kind is warmed up unmeasured first, as any load test does: the assembly above ran JSON one
            // lookup at a time and never rendered a page, so a phase's first seconds ran code the JIT had not
            // compiled yet, and at 5,000 requests a second those seconds alone can hold more than 1% of the requests
            Wrk.run("http://127.0.0.1:" + trivial.actualPort(), List.of("/"), "*/*", 2, 32, WARMUP_SECONDS, work);
            ceiling = Wrk.run("http://127.0.0.1:" + trivial.actualPort(), List.of("/"), "*/*", 2, 32, SECONDS, work);
            wrk.row("trivial Vert.x endpoint (ceiling)", ceiling, ceiling, "");
            // the latency floor at the paced rows' rate: what this machine's scheduling alone adds to a p99
            wrk.row(String.format("trivial Vert.x endpoint, %,.0f requests/s offered", IDLE_PACED_RATE),
                    Wrk.runPaced("http://127.0.0.1:" + trivial.actualPort(), List.of("/"), "*/*", 2, 32, SECONDS, work,
                            IDLE_PACED_RATE), ceiling, "");
            // each kind idle twice: 32 connections taking all they can (the rate and the share of the ceiling),
            // then the 5,000 lookups/s offered on the same 32 connections (its p99 at that rate: a
            // saturated closed loop's p99 is the queue in front of two cores that also run wrk)
            for (String[] kind : new String[][] {{JSON, "provenance JSON"}, {HTML, "consumer page HTML"}}) {
                Wrk.runRandom(base, paths, kind[0], 2, 32, WARMUP_SECONDS, work);
                wrk.row(kind[1] + ", idle", Wrk.runRandom(base, paths, kind[0], 2, 32, SECONDS, work), ceiling,
                        ">= 5,000/s, >= 8%");
                printScanLog(base);
                wrk.row(String.format("%s, idle, %,.0f lookups/s offered", kind[1], IDLE_PACED_RATE),
                        Wrk.runPaced(base, paths, kind[0], 2, 32, SECONDS, work, IDLE_PACED_RATE), ceiling,
                        ">= 5,000/s, p99 <= 20 ms");
                printScanLog(base);
            }
            alone = SequentialLookups.run(base, paths, JSON, 100, SINGLE_LOOKUPS, 2);
            underIngest(db, base, paths, work, ceiling, wrk);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }

        Table single = new Table("| one lookup alone (JSON, sequential, random items) | lookups | server median ms | "
                + "server p99 ms | client p50 ms | client p99 ms | goal (issue 13) |", "|---|---|---|---|---|---|---|");
        single.add(String.format("| at %,d stored readings | %,d | %.2f | %.2f | %.2f | %.2f | server median <= 3 ms |",
                baseReadings, alone.lookups(), alone.serverMedian(), alone.serverP99(), alone.clientP50(), alone.clientP99()));
        single.add(String.format("| the first lookup of each lot (assembles and keeps the lot's %d packs) | %,d | %.2f | %.2f | %.2f | %.2f | |",
                BenchPopulation.ITEMS_PER_LOT, assembling.lookups(), assembling.serverMedian(), assembling.serverP99(),
                assembling.clientP50(), assembling.clientP99()));
        Table growth = new Table("| stored readings | server p99 ms | client p99 ms | growth of server p99 | goal (issue 13) |",
                "|---|---|---|---|---|");
        growth.add(String.format("| %,d | %.2f | %.2f | 1.00x | |", baseReadings, alone.serverP99(), alone.clientP99()));
        growth.add(String.format("| %,d, first lookup of each lot (assembling it) | %.2f | %.2f | 1.00x | |", baseReadings,
                assembling.serverP99(), assembling.clientP99()));
        if (GROWTH_READINGS > 0) {
            long grown = SyntheticReadings.fillTo(db, GROWTH_READINGS);
            SequentialLookups.Result big = SequentialLookups.run(base, paths, JSON, 100, SINGLE_LOOKUPS, 3);
            growth.add(String.format("| %,d | %.2f | %.2f | %.2fx | <= 1.5x |", grown, big.serverP99(), big.clientP99(),
                    big.serverP99() / alone.serverP99()));
            // the kept lots are dropped (a registry statement announces it) and assembled again at this size
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("UPDATE product SET name = name WHERE false");
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    SequentialLookups.run(base, paths.subList(0, 1), JSON, 0, 1, 4).serverMedian() > 0.1);
            SequentialLookups.Result reassembled = SequentialLookups.each(base, onePerLot(paths), JSON);
            growth.add(String.format("| %,d, first lookup of each lot (assembling it) | %.2f | %.2f | %.2fx | <= 1.5x |", grown,
                    reassembled.serverP99(), reassembled.clientP99(), reassembled.serverP99() / assembling.serverP99()));
        } else {
            growth.add("| (growth phase off: -Dpt.bench.growthReadings=50000000) | | | | <= 1.5x |");
        }

        String report = String.format("Population: %,d items in %,d lots, %,d envelopes, %,d readings, seeded %s in %.0f s%n%s%n",
                marker.items(), marker.lots(), marker.envelopes(), marker.readings(), marker.seededAt(), marker.seedSeconds(),
                damon()) + wrk + "\n" + single + "\n" + growth;
        System.out.println(report);
        Files.writeString(Path.of("target/lookup-scale.md"), report);
    }

    /**
     * The kernel's DAMON monitors, if any (the state of each kdamond and the CPU it has used): on a VM
     * whose host runs DAMON's proactive reclaim, kdamond took 5-11% of a core here and the trivial
     * endpoint's p99 at 5,000 requests/s in a JVM holding 1.6 GB went from 0.3-0.5 ms to 11-14 ms
     * (docs/benchmarks.md), so every report says whether it ran.
     */
    private static String damon() {
        Path admin = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
        if (!Files.isDirectory(admin)) {
            return "DAMON: none on this kernel\n";
        }
        StringBuilder out = new StringBuilder();
        try (java.util.stream.Stream<Path> kdamonds = Files.list(admin)) {
            for (Path k : kdamonds.filter(Files::isDirectory).sorted().toList()) {
                String state = Files.readString(k.resolve("state")).strip();
                String pid = Files.readString(k.resolve("pid")).strip();
                String cpu = "";
                Path stat = Path.of("/proc", pid, "stat");
                if (!"-1".equals(pid) && Files.isReadable(stat)) {
                    String[] f = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
                    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux)
                    cpu = String.format(", %.1f s of CPU so far", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
                }
                out.append(String.format("DAMON kdamond %s: %s (pid %s%s)%n", k.getFileName(), state, pid, cpu));
            }
        } catch (java.io.IOException | RuntimeException e) {
            out.append("DAMON: not read (").append(e).append(")\n");
        }
        return out.length() == 0 ? "DAMON: no kdamond\n" : out.toString();
    }

    /** The first pack's path of each lot (paths are /01/{gtin}/10/{lot}/21/{serial}). */
    private static List<String> onePerLot(List<String> paths) {
        java.util.Map<String, String> first = new java.util.LinkedHashMap<>();
        for (String p : paths) {
            first.putIfAbsent(p.substring(0, p.indexOf("/21/")), p);
        }
        return List.copyOf(first.values());
    }

    /** JSON, then HTML, while the simulator offers envelopes to ingest over MQTT in this process. */
    private void underIngest(DataSource db, String base, List<String> paths, Path work, Wrk.Result ceiling, Table wrk)
            throws Exception {
        Duration simDuration = Duration.ofSeconds(4L * SECONDS + 2L * WARMUP_SECONDS + 90);
        LoadPlan plan = new LoadPlan("lookupload", 100, 5, INGEST_RATE, simDuration,
                Map.of(SignatureAlgorithm.EdDSA, 1), 0.0, Map.of(), 300_000);
        List<SimDevice> fleet = new LoadRun(plan, 3).devices(clientId.substring(clientId.length() - 8));
        new DatabaseRegistrar(db).register(plan.org(), "load", fleet);
        // The simulator signs and publishes on SIM_THREADS threads, each for its share of the devices at its
        // share of the rate. On one thread it was one runnable thread among a dozen on two cores and got too
        // small a share of them to sign 2,500 envelopes/s: it fell behind its plan (about 2,430/s in a row), and
        // ingest, storing all it was sent, looked as if it could not keep up.
        List<LoadRun> runs = new java.util.ArrayList<>();
        List<CompletableFuture<Void>> sims = new java.util.ArrayList<>();
        // Counts only what this run stores: the kept population holds every earlier run's load
        // envelopes too (over a million after a day of runs), and counting those took seconds.
        long since = lastEnvelopeId(db);
        long before = storedLoad(db, plan.org(), since);
        for (int t = 0; t < SIM_THREADS; t++) {
            List<SimDevice> share = new java.util.ArrayList<>();
            for (int d = t; d < fleet.size(); d += SIM_THREADS) {
                share.add(fleet.get(d));
            }
            LoadRun run = new LoadRun(new LoadPlan(plan.org(), share.size(), plan.readingsPerEnvelope(),
                    INGEST_RATE / SIM_THREADS, simDuration, plan.algorithms(), 0.0, Map.of(), 300_000), 3 + t);
            runs.add(run);
            String publisherId = clientId + "-pub-" + t;
            sims.add(CompletableFuture.runAsync(() -> {
                try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), publisherId, 2000)) {
                    run.run(share, pub);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, runnable -> new Thread(runnable, publisherId).start()));
        }
        java.util.function.LongSupplier sent = () -> runs.stream().mapToLong(LoadRun::sent).sum();
        // measure only once ingest is storing what is offered
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> storedLoad(db, plan.org(), since) - before >= INGEST_RATE);
        // unmeasured first, as the idle rows are: the first row under ingest ran while the JIT compiled
        // ingest's paths and the lookups' under contention (2,318 of 2,500 lookups/s served, p99 110 ms,
        // ingest storing 1,805/s, where the next row gave 2,518, 57 ms and 2,421/s)
        for (String kind : new String[] {JSON, HTML}) {
            Wrk.runPaced(base, paths, kind, 2, 32, WARMUP_SECONDS, work, PACED_RATE);
        }
        // the rate offered first, then as many lookups as 32 connections get (they take CPU from ingest)
        for (Double rate : new Double[] {PACED_RATE, null}) {
            for (String[] kind : new String[][] {{JSON, "provenance JSON"}, {HTML, "consumer page HTML"}}) {
                // each row starts with ingest at most a second behind what the simulator has sent, so that a
                // row neither pays for the one before it (ingest catching up) nor starts with its backlog
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> storedLoad(db, plan.org(), since) - before >= sent.getAsLong() - INGEST_RATE);
                long from = storedLoad(db, plan.org(), since);
                long sentFrom = sent.getAsLong();
                long start = System.nanoTime();
                Wrk.Result r = rate == null ? Wrk.runRandom(base, paths, kind[0], 2, 32, SECONDS, work)
                        : Wrk.runPaced(base, paths, kind[0], 2, 32, SECONDS, work, rate);
                double seconds = (System.nanoTime() - start) / 1e9;
                double stored = (storedLoad(db, plan.org(), since) - from) / seconds;
                double sentRate = (sent.getAsLong() - sentFrom) / seconds;
                String offered = rate == null ? "" : String.format(", %,.0f lookups/s offered", rate);
                wrk.row(String.format("%s%s, ingest storing %,.0f envelopes/s (sent %,.0f, offered %,.0f)", kind[1],
                        offered, stored, sentRate, INGEST_RATE), r, ceiling, ">= 2,500/s, p99 <= 50 ms");
                printScanLog(base);
            }
        }
        CompletableFuture.allOf(sims.toArray(new CompletableFuture[0])).get(2, TimeUnit.MINUTES);
    }

    /**
     * The scan writer's queue after a row, from the node's own /metrics: lookups it has not written
     * yet are kept in memory (and copied by every young collection while they wait), so a writer that
     * falls behind shows in the rows' tails.
     */
    private static void printScanLog(String base) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            StringBuilder line = new StringBuilder("  scan log after this row:");
            r.body().lines().filter(l -> l.startsWith("pt_scan_log_waiting") || l.startsWith("pt_scan_log_dropped"))
                    .forEach(l -> line.append(' ').append(l));
            System.out.println(line);
        } catch (java.io.IOException | InterruptedException e) {
            System.out.println("  scan log after this row: /metrics not read (" + e + ")");
        }
    }

    /** Heap in use after a full collection (System.gc() is a full one under G1): what is kept, not garbage. */
    private static long heapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long lastEnvelopeId(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT coalesce(max(id), 0) FROM envelope");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The organisation's envelopes stored after envelope {@code since}. */
    private static long storedLoad(DataSource db, String org, long since) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM envelope e JOIN device d ON d.id = e.device_id "
                     + "WHERE e.id > ? AND d.org_id = ?")) {
            st.setLong(1, since);
            st.setString(2, org);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The kept population, seeded now when the database has none. */
    private static BenchDatabase.Marker seeded(DatabaseSettings settings, int lots) throws Exception {
        try (Database seedDb = Database.open(settings.withPoolSize(WORKERS + 2))) {
            seedDb.migrate();
            var kept = BenchDatabase.marker(settings);
            if (kept.isPresent()) {
                BenchDatabase.Marker m = kept.get();
                System.out.printf("reusing %s: %,d items in %,d lots seeded %s in %.0f s (-Dpt.bench.reseed=true seeds again)%n",
                        settings.displayUrl(), m.items(), m.lots(), m.seededAt(), m.seedSeconds());
                return m;
            }
            BenchPopulation plan = BenchPopulation.plan(lots, Instant.now());
            describe(plan);
            SigningKey logKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
            BenchSeeder.Seeded s = new BenchSeeder(seedDb.dataSource(), plan, WORKERS).seed(logKey);
            System.out.printf("seeding took %.1f s with %d workers: %,.0f envelopes/s%n", s.seconds(), WORKERS,
                    s.envelopes() / s.seconds());
            BenchDatabase.Marker m = new BenchDatabase.Marker(plan.itemCount(), lots, s.envelopes(), s.readings(),
                    Instant.now(), s.seconds(), PrivateKeys.toPem(logKey));
            BenchDatabase.mark(seedDb.dataSource(), m);
            return m;
        }
    }

    /** What a lookup will find: journey shapes, windows and the reading envelopes of each lot's windows. */
    private static void describe(BenchPopulation plan) {
        Map<String, Integer> shapes = new TreeMap<>();
        List<Integer> envelopes = new ArrayList<>();
        for (BenchPopulation.LotPlan l : plan.lots) {
            shapes.merge(l.shape(), 1, Integer::sum);
            envelopes.add(plan.readingEnvelopes(l));
        }
        Collections.sort(envelopes);
        System.out.printf("population: %,d items in %,d lots %s, %d devices; reading envelopes per lot journey: "
                        + "min %d, median %d, max %d%n", plan.itemCount(), plan.lots.size(), shapes, plan.devices.size(),
                envelopes.get(0), envelopes.get(envelopes.size() / 2), envelopes.get(envelopes.size() - 1));
    }

    private static List<String> itemPaths(DataSource db) throws SQLException {
        List<String> paths = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT i.gtin, i.lot, i.serial FROM item i JOIN product p ON p.gtin = i.gtin "
                     + "WHERE p.org_id LIKE 'bench-%'")) {
            while (rs.next()) {
                paths.add(new DigitalLink(new Gtin(rs.getString(1)), rs.getString(2), rs.getString(3)).path());
            }
        }
        assertTrue(!paths.isEmpty(), "the population has items");
        return paths;
    }

    /** A markdown table printed row by row as it is measured. */
    private static final class Table {
        private final StringBuilder text = new StringBuilder();

        Table(String header, String rule) {
            text.append(header).append('\n').append(rule).append('\n');
        }

        void row(String what, Wrk.Result r, Wrk.Result ceiling, String goal) {
            add(String.format("| %s | %,.0f | %.2f | %.2f | %.1f%% | %s |%s", what, r.requestsPerSecond(), r.p50Millis(),
                    r.p99Millis(), 100 * r.requestsPerSecond() / ceiling.requestsPerSecond(), goal,
                    r.non2xx() > 0 ? " (" + r.non2xx() + " non-2xx)" : "")
                    + (r.timeouts() > 0 ? " (" + r.timeouts() + " timed out)" : ""));
        }

        void add(String line) {
            System.out.println(line);
            text.append(line).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
