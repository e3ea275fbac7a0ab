package org.prooftrail.api.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.api.testing.TestAnchor;

/**
 * The regulator's audit over real HTTP: signed envelopes stored in four chunks, two checkpoints;
 * the report is clean and consistent, until an envelope row is altered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRoutesTest {
    private static Vertx vertx;
    private static ApiHarness api;
    private static String regulator;
    private static final TestAnchor ANCHOR = new TestAnchor();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of(), c -> ApiFeatures.all(
                new ApiContext(c.db(), c.settings(), c.auth(), ANCHOR.logKey(), c.hashAlg(), c.metrics())));
        SignedStore store = new SignedStore(api.db());
        FarmToShelf.store(store);
        // the fixture's four batches are four chunks; the first test checkpoints them, adds a fifth and checkpoints again
        regulator = api.token(ApiRole.REGULATOR, null);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> audit(String query, String token) throws Exception {
        return api.request(HttpMethod.GET, "/v1/audit" + (query == null ? "" : "?" + query), token)
                .send().await(30, TimeUnit.SECONDS);
    }

    private static JsonObject report(String query) throws Exception {
        HttpResponse<Buffer> r = audit(query, regulator);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    @Test
    @Order(1)
    void consistentCheckpointsAndACleanAudit() throws Exception {
        long first = ANCHOR.checkpoint(api.db());
        SignedStore more = new SignedStore(api.db());
        more.store(more.device("late", "late-gw"), FarmToShelf.object("late", "2026-06-11T06:00:00Z", "OBSERVE",
                "inspecting", FarmToShelf.STORE_1, java.util.List.of(FarmToShelf.C1), java.util.List.of()));
        long second = ANCHOR.checkpoint(api.db());
        assertTrue(second > first);

        JsonObject r = report(null);
        assertTrue(r.getBoolean("passed"), r.encodePrettily());
        assertTrue(r.getBoolean("consistent"));
        JsonArray cps = r.getJsonArray("checkpoints");
        assertEquals(2, cps.size());
        assertEquals(first, cps.getJsonObject(0).getLong("treeSize"));
        assertEquals(second, cps.getJsonObject(1).getLong("treeSize"));
        assertEquals("valid", cps.getJsonObject(1).getString("signature"));
        JsonObject proof = r.getJsonArray("consistency").getJsonObject(0);
        assertEquals(first, proof.getLong("first"));
        assertEquals(second, proof.getLong("second"));
        assertTrue(proof.getBoolean("verified"), proof.encode());
        JsonObject audit = r.getJsonObject("audit");
        assertEquals("recent", audit.getString("scope"));
        assertTrue(audit.getBoolean("passed"));
        assertEquals(5, audit.getLong("chunks"));
        assertEquals(2, audit.getLong("checkpoints"));

        JsonObject full = report("full=true&checkpoints=1");
        assertEquals("full", full.getJsonObject("audit").getString("scope"));
        assertTrue(full.getBoolean("passed"));
        JsonObject derived = full.getJsonObject("audit").getJsonObject("derivedRows");
        assertTrue(derived.getBoolean("passed"), derived.encode());
        assertEquals(0, derived.getLong("mismatchCount"));
        assertTrue(derived.getLong("envelopes") > 0 && derived.getLong("eventRows") > 0, derived.encode());
        assertFalse(audit.containsKey("derivedRows"), "only a full audit recomputes derived rows");
        assertEquals(1, full.getJsonArray("checkpoints").size());
        assertEquals(2, full.getJsonObject("audit").getLong("checkpoints"));
    }

    @Test
    @Order(2)
    void anAlteredEnvelopeIsNamed() throws Exception {
        long id;
        try (Connection c = api.db().connection();
             PreparedStatement st = c.prepareStatement(
                     "UPDATE envelope SET jws = jws || '\\x20'::bytea WHERE id = (SELECT min(id) FROM envelope) RETURNING id")) {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        JsonObject r = report("full=true");
        assertFalse(r.getBoolean("passed"));
        assertTrue(r.getBoolean("consistent"), "the log of chunk roots itself is unchanged");
        JsonArray problems = r.getJsonObject("audit").getJsonArray("problems");
        assertTrue(problems.stream().anyMatch(p -> p.toString().contains("envelope " + id + " ")), problems.encode());
    }

    @Test
    @Order(3)
    void aMovedEventIsListedByEnvelopeAndField() throws Exception {
        String device;
        long seq;
        String eventId;
        try (Connection c = api.db().connection();
             PreparedStatement st = c.prepareStatement("UPDATE epcis_event e SET event_time = event_time - interval '1 day' "
                     + "FROM envelope v WHERE v.id = e.envelope_id AND e.id = (SELECT max(id) FROM epcis_event) "
                     + "RETURNING v.device_id, v.seq, e.event_id")) {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                device = rs.getString(1);
                seq = rs.getLong(2);
                eventId = rs.getString(3);
            }
        }
        JsonObject r = report("full=true");
        assertFalse(r.getBoolean("passed"));
        JsonObject derived = r.getJsonObject("audit").getJsonObject("derivedRows");
        assertFalse(derived.getBoolean("passed"));
        JsonArray mismatches = derived.getJsonArray("mismatches");
        assertEquals(mismatches.size(), derived.getLong("mismatchCount"));
        assertTrue(mismatches.stream().map(JsonObject.class::cast).anyMatch(m -> device.equals(m.getString("device"))
                && m.getLong("seq") == seq && "epcis_event".equals(m.getString("table")) && "event_time".equals(m.getString("field"))
                && ("event_id=" + eventId).equals(m.getString("row"))), mismatches.encodePrettily());
    }

    @Test
    @Order(4)
    void onlyRegulatorsAndAdmins() throws Exception {
        assertEquals(401, audit(null, null).statusCode());
        assertEquals(403, audit(null, api.token(ApiRole.COMPANY, FarmToShelf.FARM)).statusCode());
        assertEquals(200, audit(null, api.token(ApiRole.ADMIN, null)).statusCode());
        assertEquals(400, audit("checkpoints=0", regulator).statusCode());
        assertEquals(400, audit("full=maybe", regulator).statusCode());
    }
}
