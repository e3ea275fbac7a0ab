package org.prooftrail.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.prooftrail.anchor.audit.DerivedRowsAudit;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.audit.DerivedRowScan;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * The derived-row audit's rate: N signed envelopes (5 readings each; every 10th an ObjectEvent naming
 * 5 packs) stored through ingest's batch writer, then, in the same run, three passes over them: COPY
 * out of the same three sorted queries (PostgreSQL's share alone), the streaming scan with nothing
 * done per envelope (reads and merge), and the whole recompute ({@link DerivedRowsAudit}). Tag
 * "benchmark": run with
 * <pre>
 * ./mvnw -pl app -am verify -Dtest=DerivedRowsAuditBenchmark -Dpt.excludedGroups=none \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dpt.bench.envelopes=200000
 * </pre>
 * (embedded PostgreSQL; with PT_TEST_DB_URL=... PT_TEST_DB_USER=... the machine's). Writes
 * app/target/derived-rows-audit.md.
 */
@Tag("benchmark")
class DerivedRowsAuditBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEVICES = 100;
    private static final int BATCH = 1000;

    @Test
    void recomputeAgainstTheScanAndCopyOut() throws Exception {
        int n = Integer.getInteger("pt.bench.envelopes", 200_000);
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            long storeStart = System.nanoTime();
            store(db, n);
            double storeSeconds = (System.nanoTime() - storeStart) / 1e9;
            try (Connection c = db.connection(); var st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            StringBuilder out = new StringBuilder("| pass | seconds | envelopes/s |\n|---|---|---|\n");
            for (int round = 1; round <= 2; round++) { // the first round warms the JVM and the cache
                double copy = time(() -> copyOut(db));
                double scan = time(() -> {
                    try (Connection c = db.connection()) {
                        DerivedRowScan.scan(c, g -> { });
                    }
                });
                DerivedRowsAudit.Report[] report = new DerivedRowsAudit.Report[1];
                double audit = time(() -> {
                    try (Connection c = db.connection()) {
                        report[0] = DerivedRowsAudit.run(c);
                    }
                });
                if (!report[0].passed()) {
                    throw new AssertionError("the untouched data must pass: " + report[0].mismatches());
                }
                row(out, "round " + round + ": COPY out of the three sorted queries (ceiling)", copy, n);
                row(out, "round " + round + ": streaming scan and merge, nothing per envelope", scan, n);
                row(out, "round " + round + ": full recompute (DerivedRowsAudit)", audit, n);
            }
            out.append("\n").append(n).append(" envelopes (").append(n / 10).append(" events) stored in ")
                    .append(String.format("%.1f", storeSeconds)).append(" s\n");
            Files.writeString(Path.of("target/derived-rows-audit.md"), out);
            System.out.println(out);
        }
    }

    private static void store(Database db, int n) throws Exception {
        new Organisations(db.dataSource()).ensure("bench", "Bench");
        DeviceRegistry registry = new DeviceRegistry(db.dataSource());
        List<JwsSigner> signers = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String id = "bench-" + d;
            SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
            registry.registerDevice("bench", id, "sensor");
            registry.addKey(id, id + "-k1", "EdDSA", org.prooftrail.core.crypto.PublicKeys.toPem(key.verifyingKey()));
            signers.add(new JwsSigner(id + "-k1", key));
        }
        BatchWriter writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), Long.MAX_VALUE / 4);
        EnvelopeVerifier reader = new EnvelopeVerifier(kid -> java.util.Optional.empty());
        Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        for (int from = 0; from < n; from += BATCH) {
            int start = from;
            // signed in parallel; read back without the signature check, which is not what is measured
            List<AcceptedEnvelope> batch = IntStream.range(start, Math.min(n, start + BATCH)).parallel().mapToObj(i -> {
                int d = i % DEVICES;
                long seq = i / DEVICES;
                Instant at = t0.plusSeconds(seq * 300);
                ObjectNode payload = JSON.createObjectNode().put("dev", "bench-" + d).put("seq", seq).put("ts", at.toString());
                if (i % 10 == 9) {
                    List<String> packs = IntStream.range(0, 5).mapToObj(k -> FarmToShelf.pack(i + "" + k)).toList();
                    payload.set("event", FarmToShelf.object("b" + i, at.toString(), "OBSERVE", "shipping",
                            FarmToShelf.DC, packs, List.of()));
                } else {
                    ArrayNode list = payload.putArray("readings");
                    for (int k = 0; k < 5; k++) {
                        list.addObject().put("t", at.plusSeconds(60L * k).toString()).put("temp", 4.0 + (i % 40) / 10.0)
                                .put("hum", 55.5);
                    }
                }
                byte[] jws = signers.get(d).sign(payload.toString().getBytes(StandardCharsets.UTF_8));
                return new AcceptedEnvelope((VerifiedEnvelope) reader.reread(jws, "bench-" + d), "bench",
                        new Origin.MqttTopic("pt/v1/bench/bench-" + d + "/readings"));
            }).toList();
            writer.write(batch);
        }
    }

    private static void copyOut(Database db) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '" + DerivedRowScan.SORT_MEMORY + "'"); // as the scan has it
            }
            for (String q : List.of("SELECT id, device_id, seq, jws FROM envelope ORDER BY id",
                    "SELECT envelope_id, time, device_id, temperature_c, humidity_pct, latitude, longitude, extra FROM reading ORDER BY envelope_id",
                    "SELECT envelope_id, event_id, doc FROM epcis_event ORDER BY envelope_id, id",
                    "SELECT event_id, epc, role FROM event_epc ORDER BY event_id")) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + q + ") TO STDOUT", OutputStream.nullOutputStream());
            }
            c.rollback();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void row(StringBuilder out, String what, double seconds, int n) {
        out.append("| ").append(what).append(" | ").append(String.format("%.2f", seconds)).append(" | ")
                .append(String.format("%,d", Math.round(n / seconds))).append(" |\n");
    }
}
