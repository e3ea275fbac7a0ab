package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.BatchOutcome;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.testing.SigningDevice;

/**
 * {@code POST /v1/devices/{id}/stream-reset} and {@code GET .../stream-resets} over HTTP: who may reset,
 * what the audit keeps, and that a device whose counter jumped beyond the window is stored again after it.
 */
class DeviceStreamResetApiTest {
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static Vertx vertx;
    private static ApiHarness api;
    private static SigningDevice truck;
    private static BatchWriter writer;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        truck = new SigningDevice("carrier-a", "truck-8", 1).register(api.db().dataSource());
        new SigningDevice("farm-b", "probe-2").register(api.db().dataSource());
        writer = new BatchWriter(api.db().dataSource(), MerkleHasher.sha256(), 100, 100);
        writer.write(LongStream.rangeClosed(1, 10).mapToObj(n -> truck.overMqtt(truck.readingsWithSeq(n, T0.plusSeconds(n), 5.0))).toList());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> reset(String device, String token, JsonObject body) throws Exception {
        return api.request(HttpMethod.POST, "/v1/devices/" + device + "/stream-reset", token).sendJsonObject(body)
                .await(20, TimeUnit.SECONDS);
    }

    private static BatchOutcome write(long seq) throws Exception {
        return write(seq, 5.0);
    }

    private static BatchOutcome write(long seq, double temperature) throws Exception {
        return writer.write(java.util.List.of(truck.overMqtt(truck.readingsWithSeq(seq, T0.plusSeconds(seq), temperature))));
    }

    @Test
    void theCompanyResetsAJumpedStreamTheAuditKeepsItAndTheDeviceIsStoredAgain() throws Exception {
        JsonObject why = new JsonObject().put("reason", "controller replaced; counter restarted at 5000");
        assertEquals(RejectionReason.SEQ_OUT_OF_WINDOW, write(5000).refused().get(0).reason(), "a jump beyond the window");

        assertEquals(401, reset("truck-8", null, why).statusCode());
        assertEquals(403, reset("truck-8", api.token(ApiRole.REGULATOR, null), why).statusCode(), "regulators write nothing");
        assertEquals(403, reset("truck-8", api.token(ApiRole.COMPANY, "farm-b"), why).statusCode(), "another company's device");
        assertEquals(404, reset("no-such", api.token(ApiRole.ADMIN, null), why).statusCode());
        assertEquals(400, reset("truck-8", api.token(ApiRole.COMPANY, "carrier-a"), new JsonObject()).statusCode(), "no reason");
        assertEquals(400, reset("truck-8", api.token(ApiRole.COMPANY, "carrier-a"), new JsonObject().put("reason", "  ")).statusCode());
        assertEquals(1, write(5000).refused().size(), "refused reset attempts changed nothing");

        HttpResponse<Buffer> r = reset("truck-8", api.token(ApiRole.COMPANY, "carrier-a"), why);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject done = r.bodyAsJsonObject();
        assertEquals("truck-8", done.getString("device"));
        assertEquals("carrier-a", done.getString("org"));
        assertEquals("company:company-tester", done.getString("resetBy"));
        assertEquals(why.getString("reason"), done.getString("reason"));
        assertEquals(new JsonObject().put("firstSeq", 1).put("maxSeq", 10).put("stored", 10), done.getJsonObject("previous"));
        assertEquals(11, done.getLong("nextSeqFrom"));

        assertEquals(1, write(5000).stored(), "the new stream starts at the device's seq");
        assertEquals(1, write(5001).stored());
        assertEquals(RejectionReason.REPLAY, write(3, 9.0).refused().get(0).reason(), "the old stream's seqs stay taken");

        HttpResponse<Buffer> byAdmin = reset("truck-8", api.token(ApiRole.ADMIN, null), new JsonObject().put("reason", "test of the audit"));
        assertEquals(200, byAdmin.statusCode(), byAdmin.bodyAsString());
        assertEquals(5001, byAdmin.bodyAsJsonObject().getJsonObject("previous").getLong("maxSeq"));

        HttpResponse<Buffer> list = api.request(HttpMethod.GET, "/v1/devices/truck-8/stream-resets", api.token(ApiRole.REGULATOR, null))
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, list.statusCode(), list.bodyAsString());
        JsonArray resets = list.bodyAsJsonObject().getJsonArray("resets");
        assertEquals(2, resets.size());
        assertEquals("company:company-tester", resets.getJsonObject(0).getString("resetBy"));
        assertEquals("admin:admin-tester", resets.getJsonObject(1).getString("resetBy"));
        assertEquals(403, api.request(HttpMethod.GET, "/v1/devices/truck-8/stream-resets", api.token(ApiRole.COMPANY, "farm-b"))
                .send().await(20, TimeUnit.SECONDS).statusCode());

        // the step 11..4999 between the streams is no gap
        JsonObject gaps = api.request(HttpMethod.GET, "/v1/devices/truck-8/gaps", api.token(ApiRole.REGULATOR, null))
                .send().await(20, TimeUnit.SECONDS).bodyAsJsonObject();
        assertEquals(0, gaps.getLong("missing"));
        assertEquals(12, gaps.getLong("stored"));
        assertNull(gaps.getValue("nextAfterSeq"));
    }
}
