package org.prooftrail.app;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.ProofReads;
import org.prooftrail.store.log.TileBackfill;

/**
 * What the log's size costs the processes that serve it, each measured in a JVM of its own. For each
 * size a fresh database gets that many random chunk roots by COPY, {@link TileBackfill} computes their
 * tiles, the demo fixture's envelopes are stored and a checkpoint signed over everything; then, from the
 * built classpath, {@code prooftrail serve --role anchor} takes over (its takeover time from its own
 * log line) and appends 1,000 more chunks, and {@code prooftrail serve --role api} answers proof bundles
 * and the public proof check over HTTP. The RSS of each child is read from /proc after takeover or
 * start, and after its work; this JVM, which seeds the log, is never measured. Both children run with
 * the same heap ceiling ({@code -Dpt.bench.heapMb}, 160 MiB by default).
 * Tag "benchmark": run with
 * {@code ./mvnw -pl app -am verify -Dtest=LogGrowthBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false -Dpt.bench.sizes=100000,1000000,10000000}.
 */
@Tag("benchmark")
class LogGrowthBenchmark {
    private static final String ORIGIN = "growth.prooftrail.test/log";
    private static final Pattern TAKEOVER = Pattern.compile("taken over in (\\d+) ms");
    private static final int MORE_CHUNKS = 1_000;
    private static final int HEAP_MB = Integer.getInteger("pt.bench.heapMb", 160);
    private static final int WARM_UP = 20;
    private static final int REQUESTS = Integer.getInteger("pt.bench.requests", 200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record Row(long size, double seedSeconds, long takeoverMs, long anchorRssTakeover, long anchorRssAfter,
                       double bundleMs, double checkMs, long apiRssStart, long apiRssAfter) {
        String format() {
            return String.format("| %,d | %.1f | %,d | %d / %d | %.2f | %.2f | %d / %d |", size, seedSeconds, takeoverMs,
                    anchorRssTakeover, anchorRssAfter, bundleMs, checkMs, apiRssStart, apiRssAfter);
        }
    }

    @Test
    void takeoverProofAndCheckAgainstLogSize(@TempDir Path dir) throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("pt.bench.sizes", "100000,1000000").split(","))
                .mapToLong(s -> Long.parseLong(s.trim())).toArray();
        List<String> lines = new ArrayList<>();
        lines.add("| chunk roots in log | seed s (COPY + tiles) | anchor takeover ms | anchor RSS MiB after takeover / after "
                + MORE_CHUNKS + " more chunks | proof bundle ms (HTTP, median) | public check ms (HTTP, median) | API RSS MiB after start / after "
                + REQUESTS + " bundles and checks |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.add("| *goal* | | *< 1,000* | *flat within 10%* | *flat* | *flat* | *flat within 10%* |");
        List<Row> rows = new ArrayList<>();
        for (long n : sizes) {
            Row row = measure(dir.resolve("n" + n), n);
            rows.add(row);
            lines.add(row.format());
            System.out.println(row.format());
        }
        String table = String.join("\n", lines) + "\n\n" + verdict(rows) + "\n";
        System.out.println(table);
        Files.writeString(Path.of("target", "log-growth.md"), table);
    }

    /** The goals, computed: RSS spread across sizes, the largest over the smallest check time, the slowest takeover. */
    private static String verdict(List<Row> rows) {
        long slowest = rows.stream().mapToLong(Row::takeoverMs).max().orElse(0);
        return String.format("takeover at most %,d ms (goal < 1,000); anchor RSS spread %.0f%%, API RSS spread %.0f%% (goal <= 10%%);"
                        + " public check largest/smallest size %.2fx, proof bundle %.2fx (goal: about 1x)",
                slowest, spread(rows.stream().mapToLong(Row::anchorRssAfter).toArray()),
                spread(rows.stream().mapToLong(Row::apiRssAfter).toArray()),
                rows.get(rows.size() - 1).checkMs() / rows.get(0).checkMs(),
                rows.get(rows.size() - 1).bundleMs() / rows.get(0).bundleMs());
    }

    private static double spread(long[] values) {
        long min = Arrays.stream(values).min().orElse(1);
        long max = Arrays.stream(values).max().orElse(1);
        return 100.0 * (max - min) / min;
    }

    private static Row measure(Path dir, long n) throws Exception {
        Files.createDirectories(dir);
        DatabaseSettings db = TestServices.freshDatabase();
        Path logKey = dir.resolve("log.key.pem");
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        KeyFiles.writePrivate(logKey, key);
        double seedSeconds;
        ProofReads.EnvelopeKey envelope;
        try (Database database = Database.open(db)) {
            database.migrate();
            long t0 = System.nanoTime();
            try (Connection c = database.connection()) {
                seed(c, n);
                TileBackfill.run(c, MerkleHasher.sha256());
            }
            seedSeconds = (System.nanoTime() - t0) / 1e9;
            FarmToShelf.store(new SignedStore(database));
            AnchorStep.once(database.dataSource(), ORIGIN, key, "sha256");
            envelope = ProofReads.newestAnchored(database.dataSource()).orElseThrow();
        }
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        if (db.password() != null) {
            env.put("PT_DB_PASSWORD", db.password());
        }
        env.put("PT_MQTT_URL", TestServices.mqttUrl());
        env.put("PT_HTTP_PORT", "0");
        env.put("PT_HTTP_HOST", "127.0.0.1");
        env.put("PT_LOG_KEY_FILE", logKey.toString());
        env.put("PT_LOG_ORIGIN", ORIGIN);
        env.put("PT_ANCHOR_INTERVAL", "200ms");
        env.put("PT_PUBLIC_RATE_LIMIT", "1000000");
        env.put("PT_PROOF_RATE_LIMIT", "1000000"); // it fetches 220 proof bundles from one address
        // One heap ceiling for every size: without it RSS follows how far each JVM chose to grow its
        // heap, not what the log needs; 10^7 chunk roots as a tree in memory (>= 320 MB) would not fit.
        env.put("JAVA_TOOL_OPTIONS", "-Xmx" + HEAP_MB + "m");

        long takeoverMs;
        long anchorRssTakeover;
        long anchorRssAfter;
        Path anchorLog = dir.resolve("anchor.log");
        try (ChildProcess anchor = ChildProcess.start(env, anchorLog, "serve", "--role", "anchor")) {
            anchor.awaitServing(120);
            takeoverMs = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> takeover(anchorLog), ms -> ms >= 0);
            anchorRssTakeover = rssMib(anchor.pid());
            long before = maxCheckpoint(db);
            addChunks(db, MORE_CHUNKS);
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> maxCheckpoint(db) >= before + MORE_CHUNKS);
            anchorRssAfter = rssMib(anchor.pid());
        }

        try (ChildProcess api = ChildProcess.start(env, dir.resolve("api.log"), "serve", "--role", "api")) {
            String base = api.awaitServing(120);
            String bundle = base + "/v1/proofs/" + envelope.deviceId() + "/" + envelope.seq();
            String check = bundle + "/verification";
            long apiRssStart = rssMib(api.pid());
            double[] bundleMs = new double[REQUESTS];
            double[] checkMs = new double[REQUESTS];
            for (int i = -WARM_UP; i < REQUESTS; i++) {
                double b = timedGet(bundle, null);
                double c = timedGet(check, "\"verified\":true");
                if (i >= 0) {
                    bundleMs[i] = b;
                    checkMs[i] = c;
                }
            }
            long apiRssAfter = rssMib(api.pid());
            return new Row(n, seedSeconds, takeoverMs, anchorRssTakeover, anchorRssAfter, median(bundleMs), median(checkMs),
                    apiRssStart, apiRssAfter);
        }
    }

    private static double timedGet(String url, String mustContain) throws Exception {
        long s = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - s) / 1e6;
        if (r.statusCode() != 200 || (mustContain != null && !r.body().replace(" ", "").contains(mustContain))) {
            throw new AssertionError("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        return ms;
    }

    /** The takeover time the anchorer logged, or -1 before it has. */
    private static long takeover(Path log) throws Exception {
        if (!Files.exists(log)) {
            return -1;
        }
        Matcher m = TAKEOVER.matcher(Files.readString(log));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** {@code n} logged chunk roots, random, through COPY in batches (the log as ingest and the anchorer would leave it). */
    private static void seed(Connection c, long n) throws Exception {
        SplittableRandom random = new SplittableRandom(n);
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[32];
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (long from = 0; from < n; from += 100_000) {
            StringBuilder lines = new StringBuilder();
            for (long i = from; i < Math.min(n, from + 100_000); i++) {
                random.nextBytes(root);
                String h = hex.formatHex(root);
                lines.append("sha256\t1\t\\\\x").append(h).append("\t\\\\x").append(h).append('\t').append(i).append('\n');
            }
            copy.copyIn("COPY chunk (hash_alg, size, root, leaf_hashes, log_index) FROM STDIN", new StringReader(lines.toString()));
        }
    }

    /** Chunks as ingest commits them, not yet in the log: the anchorer appends them. */
    private static void addChunks(DatabaseSettings db, int n) throws Exception {
        SplittableRandom random = new SplittableRandom(-n);
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[32];
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            random.nextBytes(root);
            String h = hex.formatHex(root);
            lines.append("sha256\t1\t\\\\x").append(h).append("\t\\\\x").append(h).append('\n');
        }
        try (Connection c = connect(db)) {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY chunk (hash_alg, size, root, leaf_hashes) FROM STDIN", new StringReader(lines.toString()));
        }
    }

    private static long maxCheckpoint(DatabaseSettings db) throws Exception {
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(tree_size), 0) FROM checkpoint WHERE NOT held")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(DatabaseSettings db) throws Exception {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private static long rssMib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
