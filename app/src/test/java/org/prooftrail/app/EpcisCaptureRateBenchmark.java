package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.store.registry.Organisations;

/**
 * EPCIS capture over HTTP at the document size (docs/benchmarks.md, "EPCIS capture of
 * 1,000-event documents"): {@code pt.bench.documents} documents (default 60) of
 * {@code pt.bench.events} events (default 1,000; five event types in turn, each with its own eventID)
 * posted to {@code POST /epcis/capture} one after another, each timed from the POST to its job
 * reporting success (checks, signing every event as an envelope, one transaction), after
 * {@code pt.bench.warmup} documents (default 40) not counted (with 10, the JIT was still compiling the
 * capture's paths in the timed documents: 3,204-3,490 events/s where 40 gave 4,520-5,448). Then the same documents
 * {@code pt.bench.parallel} at a time (default 2), for the rate with the bulk workers busy. Tag
 * "benchmark": run with
 * <pre>
 * ./mvnw -pl app -am verify -Dtest=EpcisCaptureRateBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (embedded PostgreSQL; {@code PT_TEST_DB_URL=... PT_TEST_DB_USER=...} for another).
 */
@Tag("benchmark")
class EpcisCaptureRateBenchmark {
    private static final int DOCUMENTS = Integer.getInteger("pt.bench.documents", 60);
    private static final int EVENTS = Integer.getInteger("pt.bench.events", 1000);
    private static final int WARMUP = Integer.getInteger("pt.bench.warmup", 40);
    private static final int PARALLEL = Integer.getInteger("pt.bench.parallel", 2);
    private static final String ORG = "bench-capture";
    private static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

    private int run;

    @Test
    void captureDocumentsOfAThousandEvents() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of())) {
            new Organisations(api.db().dataSource()).ensure(ORG, "Bench Capture");
            String token = api.token(ApiRole.COMPANY, ORG);
            for (int i = 0; i < WARMUP; i++) {
                awaitSuccess(api, token, post(api, token, document()));
            }
            List<Buffer> docs = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                docs.add(document());
            }
            CpuClock cpu = new CpuClock(api.db().dataSource());
            long start = System.nanoTime();
            for (Buffer doc : docs) {
                awaitSuccess(api, token, post(api, token, doc));
            }
            report("one at a time", start, cpu);

            docs.clear();
            for (int i = 0; i < DOCUMENTS; i++) {
                docs.add(document());
            }
            cpu = new CpuClock(api.db().dataSource());
            start = System.nanoTime();
            for (int i = 0; i < DOCUMENTS; i += PARALLEL) {
                List<String> jobs = new ArrayList<>();
                for (int j = i; j < Math.min(DOCUMENTS, i + PARALLEL); j++) {
                    jobs.add(post(api, token, docs.get(j)));
                }
                for (String job : jobs) {
                    awaitSuccess(api, token, job);
                }
            }
            report(PARALLEL + " at a time", start, cpu);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void report(String how, long start, CpuClock cpu) throws Exception {
        double seconds = (System.nanoTime() - start) / 1e9;
        double events = (double) DOCUMENTS * EVENTS;
        System.out.printf("EPCIS capture, %s: %d documents of %d events in %.2f s: %.0f events/s; CPU per event: "
                        + "the server's threads %.0f us, the whole JVM (client, JIT and GC included) %.0f us, PostgreSQL %.0f us; "
                        + "load average %.1f%n",
                how, DOCUMENTS, EVENTS, seconds, events / seconds, cpu.serverMicros() / events, cpu.jvmMicros() / events,
                cpu.databaseMicros() / events,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** @return the job's location */
    private static String post(ApiHarness api, String token, Buffer doc) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/epcis/capture", token)
                .putHeader("content-type", "application/ld+json").sendBuffer(doc).await(60, TimeUnit.SECONDS);
        assertEquals(202, r.statusCode(), r.bodyAsString());
        return r.getHeader("Location");
    }

    private static void awaitSuccess(ApiHarness api, String token, String location) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            JsonObject job = api.request(HttpMethod.GET, location, token).send().await(30, TimeUnit.SECONDS).bodyAsJsonObject();
            if (job.getBoolean("running")) {
                return false;
            }
            assertTrue(job.getBoolean("success"), job.encode());
            return true;
        });
    }

    /** {@link #EVENTS} events, five types in turn, with eventIDs and EPCs of their own. */
    private Buffer document() {
        int doc = run++;
        JsonArray events = new JsonArray();
        for (int i = 0; i < EVENTS; i++) {
            String id = "urn:uuid:" + new UUID(doc, i);
            String sgtin = "urn:epc:id:sgtin:4012345.011111." + (doc * 100_000L + i);
            JsonObject e = new JsonObject().put("eventID", id).put("eventTime", "2026-06-01T01:00:00Z")
                    .put("eventTimeZoneOffset", "+08:00");
            switch (i % 5) {
                case 0 -> e.put("type", "ObjectEvent").put("action", "ADD").put("epcList", new JsonArray().add(sgtin))
                        .put("quantityList", new JsonArray().add(new JsonObject()
                                .put("epcClass", "urn:epc:class:lgtin:4012345.011111.L" + doc).put("quantity", 200).put("uom", "KGM")))
                        .put("bizStep", "commissioning").put("disposition", "active")
                        .put("readPoint", new JsonObject().put("id", "urn:epc:id:sgln:4012345.00001.0"))
                        .put("bizLocation", new JsonObject().put("id", "urn:epc:id:sgln:4012345.00001.0"));
                case 1 -> e.put("type", "AggregationEvent").put("action", "ADD")
                        .put("parentID", "urn:epc:id:sscc:4012345." + String.format("%010d", doc * 100_000L + i))
                        .put("childEPCs", new JsonArray().add(sgtin)).put("bizStep", "packing").put("disposition", "in_progress")
                        .put("readPoint", new JsonObject().put("id", "urn:epc:id:sgln:4012345.00001.0"));
                case 2 -> e.put("type", "TransactionEvent").put("action", "ADD")
                        .put("bizTransactionList", new JsonArray().add(new JsonObject().put("type", "po")
                                .put("bizTransaction", "urn:epcglobal:cbv:bt:4012345000009:PO-" + doc)))
                        .put("epcList", new JsonArray().add(sgtin)).put("bizStep", "shipping").put("disposition", "in_transit")
                        .put("readPoint", new JsonObject().put("id", "urn:epc:id:sgln:4012345.00002.0"));
                case 3 -> e.put("type", "TransformationEvent").put("inputEPCList", new JsonArray().add(sgtin))
                        .put("outputEPCList", new JsonArray().add(sgtin + "9")).put("bizStep", "commissioning").put("disposition", "active");
                default -> e.put("type", "AssociationEvent").put("action", "ADD")
                        .put("parentID", "urn:epc:id:grai:4012345.55555." + (doc * 100_000L + i))
                        .put("childEPCs", new JsonArray().add("urn:epc:id:giai:4000001." + (doc * 100_000L + i))).put("bizStep", "assembling");
            }
            events.add(e);
        }
        return new JsonObject().put("@context", new JsonArray().add(CONTEXT)).put("type", "EPCISDocument")
                .put("schemaVersion", "2.0").put("creationDate", "2026-06-01T06:00:00Z")
                .put("epcisBody", new JsonObject().put("eventList", events)).toBuffer();
    }
}
