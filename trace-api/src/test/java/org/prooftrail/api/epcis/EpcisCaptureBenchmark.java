package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.store.registry.Organisations;

/**
 * Capture of large documents end to end (HTTP, checks, signing, one transaction) and a paged query
 * over the result; prints the figures for docs/benchmarks.md. Excluded from normal runs.
 */
@Tag("benchmark")
class EpcisCaptureBenchmark {
    private static final int DOCUMENTS = 5;
    private static final int EVENTS = 10_000;

    @Test
    void captureAndQuery() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of())) {
            new Organisations(api.db().dataSource()).ensure("bench", "Bench");
            String token = api.token(ApiRole.COMPANY, "bench");
            long totalNanos = 0;
            long bytes = 0;
            for (int d = 0; d < DOCUMENTS; d++) {
                JsonObject doc = EpcisFixtures.document("bench");
                JsonArray list = new JsonArray();
                JsonArray sample = doc.getJsonObject("epcisBody").getJsonArray("eventList");
                for (int i = 0; i < EVENTS; i++) {
                    JsonObject e = sample.getJsonObject(i % 5).copy();
                    e.put("eventID", "urn:uuid:" + new java.util.UUID(d, i));
                    list.add(e);
                }
                doc.getJsonObject("epcisBody").put("eventList", list);
                Buffer body = doc.toBuffer();
                bytes = body.length();
                long start = System.nanoTime();
                JsonObject job = EpcisFixtures.capture(api, token, doc);
                totalNanos += System.nanoTime() - start;
                assertTrue(job.getBoolean("success"), job.encode());
            }
            double seconds = totalNanos / 1e9;
            System.out.printf("EPCIS capture: %d documents of %d events (%d bytes each) in %.2f s: %.0f events/s%n",
                    DOCUMENTS, EVENTS, bytes, seconds, DOCUMENTS * EVENTS / seconds);
            long start = System.nanoTime();
            int pages = 0;
            int events = 0;
            String uri = "/epcis/events?perPage=1000&EQ_bizStep=shipping";
            while (uri != null) {
                HttpResponse<Buffer> r = EpcisFixtures.get(api, token, uri);
                events += EpcisFixtures.ids(r).size();
                pages++;
                uri = EpcisCaptureQueryTest.next(r).orElse(null);
            }
            double querySeconds = (System.nanoTime() - start) / 1e9;
            assertEquals(DOCUMENTS * EVENTS / 5, events);
            System.out.printf("EPCIS query: %d events (EQ_bizStep) in %d pages of 1000 from %d stored in %.2f s: %.0f events/s%n",
                    events, pages, DOCUMENTS * EVENTS, querySeconds, events / querySeconds);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
