package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.store.registry.Organisations;

/**
 * {@code GS1-Capture-Error-Behaviour: proceed}: invalid events and stored eventIDs refuse only
 * themselves, the others are stored, and the job reports every event's result in document order.
 */
class EpcisCaptureProceedTest {
    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, java.util.Map.of());
        new Organisations(api.db().dataSource()).ensure("packer", "Packer");
        company = api.token(ApiRole.COMPANY, "packer");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject proceed(JsonObject doc) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/epcis/capture", company)
                .putHeader("content-type", "application/ld+json").putHeader("GS1-Capture-Error-Behaviour", "proceed")
                .sendBuffer(doc.toBuffer()).await(30, TimeUnit.SECONDS);
        assertEquals(202, r.statusCode(), r.bodyAsString());
        String location = r.getHeader("Location");
        AtomicReference<JsonObject> job = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            job.set(EpcisFixtures.get(api, company, location).bodyAsJsonObject());
            return !job.get().getBoolean("running");
        });
        return job.get();
    }

    @Test
    void invalidAndStoredEventsAreRefusedOneByOneAndTheOthersStored() throws Exception {
        JsonObject earlier = EpcisFixtures.capture(api, company, EpcisFixtures.document("earlier"));
        assertTrue(earlier.getBoolean("success"), earlier.encode());
        JsonObject doc = EpcisFixtures.document("mixed");
        JsonArray list = doc.getJsonObject("epcisBody").getJsonArray("eventList");
        list.getJsonObject(1).put("bizStep", "not a step");
        list.getJsonObject(3).put("eventID", EpcisFixtures.id("earlier", 2));

        JsonObject job = proceed(doc);
        assertFalse(job.getBoolean("success"), "a job that refused events is not a success: " + job.encode());
        assertEquals("proceed", job.getString("captureErrorBehaviour"));
        assertTrue(job.containsKey("chunk"), "the valid events were stored: " + job.encode());
        JsonArray events = job.getJsonArray("events");
        assertEquals(5, events.size(), events.encode());
        List<String> results = events.stream().map(e -> ((JsonObject) e).getString("result")).toList();
        assertEquals(List.of("accepted", "refused", "accepted", "refused", "accepted"), results);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, events.getJsonObject(i).getInteger("index"));
        }
        assertEquals(EpcisFixtures.id("mixed", 1), events.getJsonObject(0).getString("eventID"));
        assertEquals(EpcisFixtures.id("mixed", 3), events.getJsonObject(2).getString("eventID"));
        assertEquals("TransactionEvent", events.getJsonObject(2).getString("type"));
        assertEquals(400, events.getJsonObject(1).getInteger("status"));
        assertTrue(events.getJsonObject(1).getString("detail").startsWith("epcisBody.eventList[1].bizStep"),
                events.getJsonObject(1).encode());
        assertEquals(409, events.getJsonObject(3).getInteger("status"));
        assertTrue(events.getJsonObject(3).getString("detail").contains("already stored"), events.getJsonObject(3).encode());
        assertTrue(job.getJsonArray("errors").getJsonObject(0).getString("detail").startsWith("2 of 5 events were refused"),
                job.encode());

        // the stored events are there, the refused one that was new is not
        assertEquals(200, EpcisFixtures.get(api, company, "/epcis/events/" + java.net.URLEncoder.encode(
                EpcisFixtures.id("mixed", 3), java.nio.charset.StandardCharsets.UTF_8)).statusCode());
        assertEquals(404, EpcisFixtures.get(api, company, "/epcis/events/" + java.net.URLEncoder.encode(
                EpcisFixtures.id("mixed", 2), java.nio.charset.StandardCharsets.UTF_8)).statusCode());
    }

    @Test
    void aDocumentWhoseEventsAreAllRefusedFailsWithoutAChunk() throws Exception {
        JsonObject doc = EpcisFixtures.document("none");
        JsonArray list = doc.getJsonObject("epcisBody").getJsonArray("eventList");
        for (int i = 0; i < list.size(); i++) {
            list.getJsonObject(i).put("eventTime", "yesterday");
        }
        JsonObject job = proceed(doc);
        assertFalse(job.getBoolean("success"));
        assertFalse(job.containsKey("chunk"), job.encode());
        assertEquals(5, job.getJsonArray("events").size());
        job.getJsonArray("events").forEach(e -> assertEquals("refused", ((JsonObject) e).getString("result")));
    }

    @Test
    void aValidDocumentSucceedsWithEveryEventAccepted() throws Exception {
        JsonObject job = proceed(EpcisFixtures.document("clean"));
        assertTrue(job.getBoolean("success"), job.encode());
        assertEquals(List.of(), job.getJsonArray("errors").getList());
        job.getJsonArray("events").forEach(e -> assertEquals("accepted", ((JsonObject) e).getString("result")));
        assertEquals(5, job.getJsonArray("events").size());
    }
}
