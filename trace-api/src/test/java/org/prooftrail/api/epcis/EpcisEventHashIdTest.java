package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.assertProblem;
import static org.prooftrail.api.epcis.EpcisFixtures.get;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.epcis.EventHashId;
import org.prooftrail.store.registry.Organisations;

/**
 * CBV 2.0 event hash IDs of captured events over real HTTP and PostgreSQL: stored with each event,
 * an event found by its hash ID where the caller may read it (404 for another organisation, as for a
 * missing event), and an event captured without an eventID answered under its hash ID. The event
 * without an eventID is the reference generator's example {@code epcisEventWithCURIEs}, whose hash ID
 * is published, so the stored value is checked against GS1's reference, not only against our own code.
 */
class EpcisEventHashIdTest {
    /** Published by the reference generator for its example epcisEventWithCURIEs (core test resources). */
    private static final String PUBLISHED = "ni:///sha-256;65f196f1b17e2525de2b6f45f5d31d74fa3fdf1e689863484f8e9660cc36f69f?ver=CBV2.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "hash-id";
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static ApiHarness api;
    private static String owner;
    private static String other;
    private static String regulator;
    private static String withoutId;
    private static String withIdsHash;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path keyFile = dir.resolve("api-signing.pem");
        KeyFiles.writePrivate(keyFile, SigningKey.generate(SignatureAlgorithm.EdDSA));
        api = ApiHarness.start(vertx, Map.of(EpcisSettings.SIGNING_KEY_FILE, keyFile.toString()));
        new Organisations(api.db().dataSource()).ensure("hash-owner", "Hash Owner");
        new Organisations(api.db().dataSource()).ensure("hash-other", "Hash Other");
        owner = api.token(ApiRole.COMPANY, "hash-owner");
        other = api.token(ApiRole.COMPANY, "hash-other");
        regulator = api.token(ApiRole.REGULATOR, null);
        JsonObject reference;
        try (InputStream in = EpcisEventHashIdTest.class.getResourceAsStream("/epcis/event-hash/reference/epcisEventWithCURIEs.jsonld")) {
            reference = new JsonObject(Buffer.buffer(in.readAllBytes()));
        }
        JsonObject noId = reference.getJsonObject("epcisBody").getJsonArray("eventList").getJsonObject(0);
        withoutId = PUBLISHED;
        JsonObject doc = EpcisFixtures.document(TAG);
        JsonArray events = doc.getJsonObject("epcisBody").getJsonArray("eventList");
        JsonObject withId = events.getJsonObject(0);
        withIdsHash = EventHashId.of(JSON.readTree(withId.encode())).uri();
        doc.getJsonObject("epcisBody").put("eventList", new JsonArray().add(withId).add(noId));
        JsonObject job = EpcisFixtures.capture(api, owner, doc);
        assertEquals(true, job.getBoolean("success"), job.encode());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> byId(String token, String id) throws Exception {
        return get(api, token, "/epcis/events/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    @Test
    void theStoredHashIdIsTheOneGs1sReferencePublishes() throws Exception {
        List<String> stored = new ArrayList<>();
        try (Connection c = api.db().connection(); PreparedStatement st = c.prepareStatement(
                "SELECT hash_id FROM epcis_event WHERE org_id = 'hash-owner' AND doc->>'eventID' IS NULL")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        assertTrue(!stored.isEmpty() && stored.stream().allMatch(PUBLISHED::equals), stored.toString());
    }

    @Test
    void theOwnerFindsAnEventWithoutEventIdByItsHashIdAndSeesItAsItsEventId() throws Exception {
        HttpResponse<Buffer> r = byId(owner, withoutId);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject event = r.bodyAsJsonObject();
        assertEquals(withoutId, event.getString("eventID"));
        assertEquals("2023-01-11T12:00:00+01:00", event.getString("eventTime"));
        assertEquals("https://id.gs1.de/01/04012345999990/21/XYZ-1234", event.getJsonArray("epcList").getString(0));
    }

    @Test
    void anEventWithItsOwnEventIdIsFoundByItsHashIdToo() throws Exception {
        HttpResponse<Buffer> r = byId(owner, withIdsHash);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals(EpcisFixtures.id(TAG, 1), r.bodyAsJsonObject().getString("eventID"));
    }

    @Test
    void anotherOrganisationGets404AsForAnEventThatDoesNotExist() throws Exception {
        assertProblem(byId(other, withoutId), 404);
        assertProblem(byId(other, withIdsHash), 404);
        assertProblem(byId(owner, "ni:///sha-256;" + "0".repeat(64) + "?ver=CBV2.0"), 404);
        assertEquals(200, byId(regulator, withoutId).statusCode());
    }

    @Test
    void withoutATokenNothingIsServed() throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/epcis/events/" + URLEncoder.encode(withoutId, StandardCharsets.UTF_8), null)
                .send().await(30, TimeUnit.SECONDS);
        assertEquals(401, r.statusCode(), r.bodyAsString());
    }

    @Test
    void queriesMatchAndAnswerHashIdsAsEventIds() throws Exception {
        HttpResponse<Buffer> r = get(api, owner, "/epcis/events?EQ_eventID=" + URLEncoder.encode(withoutId, StandardCharsets.UTF_8));
        assertTrue(EpcisFixtures.ids(r).size() >= 1 && EpcisFixtures.ids(r).stream().allMatch(withoutId::equals), r.bodyAsString());
        assertEquals(List.of(), EpcisFixtures.ids(get(api, other, "/epcis/events?EQ_eventID="
                + URLEncoder.encode(withoutId, StandardCharsets.UTF_8))));
        List<String> all = EpcisFixtures.ids(get(api, owner, "/epcis/events?GE_eventTime=2023-01-11T00:00:00Z&LT_eventTime=2023-01-12T00:00:00Z"));
        assertTrue(all.contains(withoutId), all.toString());
    }
}
