package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.assertProblem;
import static org.prooftrail.api.epcis.EpcisFixtures.post;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.store.registry.Organisations;

/**
 * Documents the server refuses: whole, with the first bad field named by its JSON path, and with
 * nothing of them stored; over the advertised limits (413); repeating a stored eventID (the job fails
 * whole). Limits are set low here: 6 events, 16 KiB.
 */
class EpcisCaptureRefusalTest {
    private static Vertx vertx;
    private static ApiHarness api;
    private static String company;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of(EpcisSettings.CAPTURE_LIMIT, "6", EpcisSettings.FILE_SIZE_LIMIT, "16384"));
        new Organisations(api.db().dataSource()).ensure("packer", "Packer");
        company = api.token(ApiRole.COMPANY, "packer");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private long stored = -1;

    @BeforeEach
    void count() throws Exception {
        stored = rows("epcis_event") + rows("envelope");
    }

    private static long rows(String table) throws Exception {
        try (Connection c = api.db().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertNothingStored() throws Exception {
        assertEquals(stored, rows("epcis_event") + rows("envelope"), "nothing of a refused document is stored");
    }

    private static HttpResponse<Buffer> capture(JsonObject doc) throws Exception {
        return post(api, company, "/epcis/capture", "application/json", doc.toBuffer());
    }

    private static JsonObject withEvent(String tag, int index, String member, Object value) {
        JsonObject doc = EpcisFixtures.document(tag);
        JsonObject event = doc.getJsonObject("epcisBody").getJsonArray("eventList").getJsonObject(index);
        if (value == null) {
            event.remove(member);
        } else {
            event.put(member, value);
        }
        return doc;
    }

    /** Our verdict agrees with GS1's schema where both apply (ours adds rules, e.g. no extension event types). */
    private static void assertGs1Refuses(JsonObject doc) throws Exception {
        var schema = EpcisFixtures.gs1Schema();
        if (schema == null) {
            EpcisFixtures.noteSchemaAbsent();
            return;
        }
        assertFalse(EpcisFixtures.validate(schema, doc.toBuffer()).isEmpty(), "GS1's schema refuses it too: " + doc);
    }

    private static String detail(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getString("detail");
    }

    @Test
    void badThirdEventRefusesTheWholeDocumentNamingTheField() throws Exception {
        assertGs1Refuses(withEvent("bad3", 2, "bizStep", "not a step"));
        HttpResponse<Buffer> r = capture(withEvent("bad3", 2, "bizStep", "not a step"));
        assertProblem(r, 400);
        assertTrue(detail(r).startsWith("epcisBody.eventList[2].bizStep: "), detail(r));
        assertEquals("epcisException:ValidationException", r.bodyAsJsonObject().getString("type"));
        assertEquals("6", r.getHeader("GS1-EPCIS-Capture-Limit"));
        HttpResponse<Buffer> regulator = post(api, api.token(ApiRole.REGULATOR, null), "/epcis/capture", "application/json",
                EpcisFixtures.document("reg").toBuffer());
        assertProblem(regulator, 403);
        assertEquals("6", regulator.getHeader("GS1-EPCIS-Capture-Limit"), "limits are on refusals too");
        String metrics = EpcisFixtures.get(api, null, "/metrics").bodyAsString();
        assertTrue(metrics.contains("pt_epcis_captures_total{outcome=\"invalid\"}"), "refusals are counted");
        assertNothingStored();
    }

    @Test
    void ourOwnRulesNameTheirFieldToo() throws Exception {
        assertGs1Refuses(withEvent("off", 3, "eventTimeZoneOffset", null));
        assertGs1Refuses(withEvent("epc", 0, "epcList", new JsonArray().add("4012345.1").add("not a uri")));
        assertGs1Refuses(withEvent("disp", 1, "disposition", "urn:epcglobal:cbv:disp:in_transit"));
        HttpResponse<Buffer> noOffset = capture(withEvent("off", 3, "eventTimeZoneOffset", null));
        assertProblem(noOffset, 400);
        assertTrue(detail(noOffset).startsWith("epcisBody.eventList[3].eventTimeZoneOffset: "), detail(noOffset));
        HttpResponse<Buffer> epc = capture(withEvent("epc", 0, "epcList", new JsonArray().add("4012345.1").add("not a uri")));
        assertProblem(epc, 400);
        assertTrue(detail(epc).startsWith("epcisBody.eventList[0].epcList[0]: "), detail(epc));
        HttpResponse<Buffer> type = capture(withEvent("type", 4, "type", "ExtensionEvent"));
        assertProblem(type, 400);
        assertTrue(detail(type).startsWith("epcisBody.eventList[4].type: "), detail(type));
        HttpResponse<Buffer> disposition = capture(withEvent("disp", 1, "disposition", "urn:epcglobal:cbv:disp:in_transit"));
        assertProblem(disposition, 400);
        assertTrue(detail(disposition).startsWith("epcisBody.eventList[1].disposition: "), detail(disposition));
        JsonObject noBody = EpcisFixtures.document("nobody");
        noBody.remove("epcisBody");
        assertTrue(detail(capture(noBody)).startsWith("epcisBody: "));
        JsonObject twice = EpcisFixtures.document("twice");
        twice.getJsonObject("epcisBody").getJsonArray("eventList").getJsonObject(3).put("eventID", EpcisFixtures.id("twice", 1));
        HttpResponse<Buffer> repeated = capture(twice);
        assertProblem(repeated, 400);
        assertTrue(detail(repeated).startsWith("epcisBody.eventList[3].eventID: "), detail(repeated));
        assertNothingStored();
    }

    @Test
    void limitsAreEnforcedWith413() throws Exception {
        JsonObject many = EpcisFixtures.document("many");
        JsonArray list = many.getJsonObject("epcisBody").getJsonArray("eventList");
        list.add(EpcisFixtures.document("many2").getJsonObject("epcisBody").getJsonArray("eventList").getJsonObject(0));
        list.add(EpcisFixtures.document("many3").getJsonObject("epcisBody").getJsonArray("eventList").getJsonObject(0));
        HttpResponse<Buffer> tooMany = capture(many);
        assertProblem(tooMany, 413);
        assertTrue(detail(tooMany).contains("7 events"), detail(tooMany));
        assertEquals("epcisException:CaptureLimitExceededException", tooMany.bodyAsJsonObject().getString("type"));
        JsonObject big = EpcisFixtures.document("big");
        big.put("sender", "x".repeat(20_000));
        HttpResponse<Buffer> tooBig = capture(big);
        assertProblem(tooBig, 413);
        assertEquals("16384", tooBig.getHeader("GS1-EPCIS-Capture-File-Size-Limit"));
        assertNothingStored();
    }

    @Test
    void otherMediaTypesAndErrorBehavioursAreRefused() throws Exception {
        assertProblem(post(api, company, "/epcis/capture", "text/plain", EpcisFixtures.document("txt").toBuffer()), 415);
        HttpResponse<Buffer> unknown = api.request(io.vertx.core.http.HttpMethod.POST, "/epcis/capture", company)
                .putHeader("content-type", "application/json").putHeader("GS1-Capture-Error-Behaviour", "skip")
                .sendBuffer(EpcisFixtures.document("skip").toBuffer()).await(10, TimeUnit.SECONDS);
        assertProblem(unknown, 400);
        assertNothingStored();
    }

    @Test
    void storedEventIdRefusesTheDocumentNamingIt() throws Exception {
        JsonObject first = EpcisFixtures.capture(api, company, EpcisFixtures.document("dup"));
        assertTrue(first.getBoolean("success"), first.encode());
        stored = rows("epcis_event") + rows("envelope");
        // a new document whose 4th event repeats an eventID of the first
        JsonObject again = EpcisFixtures.document("dup-again");
        again.getJsonObject("epcisBody").getJsonArray("eventList").getJsonObject(3).put("eventID", EpcisFixtures.id("dup", 4));
        HttpResponse<Buffer> r = capture(again);
        assertProblem(r, 409);
        assertEquals("epcisException:ResourceAlreadyExistsException", r.bodyAsJsonObject().getString("type"));
        assertTrue(detail(r).contains(EpcisFixtures.id("dup", 4)), detail(r));
        assertNothingStored();
    }

    @Test
    void concurrentCapturesOfOneOrganisationGetDistinctContiguousSeqs() throws Exception {
        new Organisations(api.db().dataSource()).ensure("busy", "Busy");
        String busy = api.token(ApiRole.COMPANY, "busy");
        java.util.List<io.vertx.core.Future<HttpResponse<Buffer>>> posts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            posts.add(api.request(io.vertx.core.http.HttpMethod.POST, "/epcis/capture", busy)
                    .putHeader("content-type", "application/json").sendBuffer(EpcisFixtures.document("busy-" + i).toBuffer()));
        }
        java.util.Set<Long> chunks = new java.util.HashSet<>();
        for (var f : posts) {
            HttpResponse<Buffer> r = f.await(30, TimeUnit.SECONDS);
            assertEquals(202, r.statusCode(), r.bodyAsString());
            String location = r.getHeader("Location");
            JsonObject[] job = new JsonObject[1];
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                job[0] = EpcisFixtures.get(api, busy, location).bodyAsJsonObject();
                return !job[0].getBoolean("running");
            });
            assertTrue(job[0].getBoolean("success"), job[0].encode());
            chunks.add(job[0].getLong("chunk"));
        }
        assertEquals(4, chunks.size(), "one chunk per document");
        try (Connection c = api.db().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT chunk_id, min(seq), max(seq), count(*) FROM envelope "
                     + "WHERE device_id = 'busy.epcis-api' GROUP BY chunk_id ORDER BY min(seq)")) {
            long expected = 0;
            while (rs.next()) {
                assertEquals(expected, rs.getLong(2), "seqs continue where the previous document ended");
                assertEquals(expected + 4, rs.getLong(3));
                assertEquals(5, rs.getLong(4));
                expected += 5;
            }
            assertEquals(20, expected);
        }
    }

    @Test
    void aJobCutOffByAStoppedServerReportsFailureNotRunningForever() throws Exception {
        try (Connection c = api.db().connection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO epcis_capture_job (id, org_id, subject, event_count, created_at) "
                    + "VALUES ('cut-off', 'packer', 'tester', 3, now() - interval '1 hour')");
        }
        JsonObject job = EpcisFixtures.get(api, company, "/epcis/capture/cut-off").bodyAsJsonObject();
        assertFalse(job.getBoolean("running"), job.encode());
        assertFalse(job.getBoolean("success"));
        assertTrue(job.getJsonArray("errors").getJsonObject(0).getString("detail").contains("nothing of it was stored"));
    }
}
