package org.prooftrail.api.proof;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.prooftrail.anchor.proof.ProofBundles;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.api.testing.TestAnchor;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.log.LogAppender;
import org.prooftrail.store.log.LogProofsByHash;
import org.prooftrail.store.log.ProofReads;
import org.prooftrail.store.log.TileBackfill;

/**
 * What the log's size costs once it is tiled: for each size, a fresh database is seeded with that many
 * random chunk roots (COPY, then {@link TileBackfill} computes their tiles), a real envelope is stored
 * and anchored after them, and this process measures an anchorer's takeover ({@link LogAppender#load}
 * on a new appender: the right edge from tiles), a proof bundle with a cold and a warm tile cache, the
 * public proof check over HTTP ({@code /v1/proofs/{device}/{seq}/verification}), and its own RSS and
 * heap after a GC. Sizes run smallest first in one JVM, so a process that held the log would grow.
 * Tag "benchmark": run with
 * {@code ./mvnw -pl trace-api -am verify -Dtest=LogGrowthBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false -Dpt.bench.sizes=100000,1000000,10000000}.
 */
@Tag("benchmark")
class LogGrowthBenchmark {
    private static final int REPEATS = 30;

    @Test
    void takeoverProofAndCheckAgainstLogSize() throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("pt.bench.sizes", "100000,1000000").split(","))
                .mapToLong(s -> Long.parseLong(s.trim())).toArray();
        List<String> rows = new ArrayList<>();
        rows.add("| chunk roots in log | seed s (COPY + tiles) | takeover ms (median of 5) | proof bundle ms cold / warm | "
                + "public check ms (HTTP, median) | RSS MiB | heap after GC MiB |");
        rows.add("|---|---|---|---|---|---|---|");
        for (long n : sizes) {
            rows.add(measure(n));
            System.out.println(rows.get(rows.size() - 1));
        }
        String table = String.join("\n", rows) + "\n";
        System.out.println(table);
        Files.writeString(Path.of("target", "log-growth.md"), table);
    }

    private static String measure(long n) throws Exception {
        TestAnchor anchor = new TestAnchor();
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of("PT_PUBLIC_RATE_LIMIT", "1000000"), c -> ApiFeatures.all(
                new ApiContext(c.db(), c.settings(), c.auth(), anchor.logKey(), c.hashAlg(), c.metrics())))) {
            long t0 = System.nanoTime();
            try (Connection c = api.db().connection()) {
                seed(c, n);
                TileBackfill.run(c, MerkleHasher.sha256());
            }
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            FarmToShelf.store(new SignedStore(api.db()));
            anchor.checkpoint(api.db());
            ProofReads.EnvelopeKey key = ProofReads.newestAnchored(api.db().dataSource()).orElseThrow();

            double[] takeover = new double[5];
            for (int i = 0; i < takeover.length; i++) {
                try (Connection c = api.db().connection()) {
                    long s = System.nanoTime();
                    new LogAppender(MerkleHasher.sha256(), TestAnchor.ORIGIN, "local", (size, root, prev) -> "", 1000).load(c);
                    takeover[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            double cold;
            double[] warm = new double[REPEATS];
            try (Connection c = api.db().connection()) {
                LogProofsByHash logs = new LogProofsByHash();
                long s = System.nanoTime();
                ProofBundles.forEnvelope(c, key.deviceId(), key.seq(), logs::get).orElseThrow();
                cold = (System.nanoTime() - s) / 1e6;
                for (int i = 0; i < REPEATS; i++) {
                    s = System.nanoTime();
                    ProofBundles.forEnvelope(c, key.deviceId(), key.seq(), logs::get).orElseThrow();
                    warm[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            double[] check = new double[REPEATS];
            String path = "/v1/proofs/" + key.deviceId() + "/" + key.seq() + "/verification";
            for (int i = -3; i < REPEATS; i++) {
                long s = System.nanoTime();
                var r = api.request(HttpMethod.GET, path, null).send().await(30, TimeUnit.SECONDS);
                if (r.statusCode() != 200 || !r.bodyAsJsonObject().getBoolean("verified")) {
                    throw new AssertionError("the public check did not pass: " + r.bodyAsString());
                }
                if (i >= 0) {
                    check[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            return String.format("| %,d | %.1f | %.1f | %.1f / %.2f | %.2f | %d | %d |", n, seedSeconds, median(takeover),
                    cold, median(warm), median(check), rssKib() / 1024, heap / (1024 * 1024));
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
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

    private static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
