package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.testing.SigningDevice;

/** {@code GET /v1/devices/{id}/gaps} over HTTP, on envelopes stored with gaps in the real PostgreSQL. */
class DeviceGapsApiTest {
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static Vertx vertx;
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        SigningDevice truck = new SigningDevice("carrier-a", "truck-7", 100).register(api.db().dataSource());
        new SigningDevice("farm-b", "probe-1").register(api.db().dataSource());
        BatchWriter writer = new BatchWriter(api.db().dataSource(), MerkleHasher.sha256(), 10_000);
        // 100..104, 108..109, 200: lost 105-107 and 110-199
        writer.write(LongStream.of(100, 101, 102, 103, 104, 108, 109, 200)
                .mapToObj(n -> truck.overMqtt(truck.readingsWithSeq(n, T0.plusSeconds(60 * (n - 100)), 5.0))).toList());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String token) throws Exception {
        return api.request(HttpMethod.GET, path, token).send().await(20, TimeUnit.SECONDS);
    }

    @Test
    void theDevicesCompanySeesEveryRunWithItsTimes() throws Exception {
        HttpResponse<Buffer> r = get("/v1/devices/truck-7/gaps", api.token(ApiRole.COMPANY, "carrier-a"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonObject o = r.bodyAsJsonObject();
        assertEquals("truck-7", o.getString("device"));
        assertEquals("carrier-a", o.getString("org"));
        assertEquals(100, o.getLong("firstSeq"));
        assertEquals(200, o.getLong("maxSeq"));
        assertEquals(8, o.getLong("stored"));
        assertEquals(2, o.getLong("gapCount"));
        assertEquals(93, o.getLong("missing"));
        JsonArray gaps = o.getJsonArray("gaps");
        assertEquals(new JsonObject().put("fromSeq", 105).put("toSeq", 107).put("missing", 3)
                .put("after", T0.plusSeconds(240).toString()).put("before", T0.plusSeconds(480).toString()), gaps.getJsonObject(0));
        assertEquals(new JsonObject().put("fromSeq", 110).put("toSeq", 199).put("missing", 90)
                .put("after", T0.plusSeconds(540).toString()).put("before", T0.plusSeconds(6000).toString()), gaps.getJsonObject(1));
        assertFalse(o.containsKey("nextAfterSeq"));
    }

    @Test
    void regulatorsPageThroughTheRuns() throws Exception {
        String regulator = api.token(ApiRole.REGULATOR, null);
        JsonObject first = get("/v1/devices/truck-7/gaps?limit=1", regulator).bodyAsJsonObject();
        assertEquals(1, first.getJsonArray("gaps").size());
        assertEquals(105, first.getLong("nextAfterSeq"));
        assertEquals(2, first.getLong("gapCount"));
        JsonObject second = get("/v1/devices/truck-7/gaps?limit=1&afterSeq=105", regulator).bodyAsJsonObject();
        assertEquals(110, second.getJsonArray("gaps").getJsonObject(0).getLong("fromSeq"));
        assertNull(second.getValue("nextAfterSeq"));
        JsonObject quiet = get("/v1/devices/probe-1/gaps", regulator).bodyAsJsonObject();
        assertEquals(0, quiet.getLong("stored"));
        assertNull(quiet.getValue("firstSeq"));
        assertEquals(0, quiet.getJsonArray("gaps").size());
    }

    @Test
    void othersAreRefused() throws Exception {
        assertEquals(403, get("/v1/devices/truck-7/gaps", api.token(ApiRole.COMPANY, "farm-b")).statusCode(),
                "another company's device");
        assertEquals(403, get("/v1/devices/truck-7/gaps", api.token(ApiRole.ADMIN, null)).statusCode(), "admins run no devices");
        assertEquals(401, get("/v1/devices/truck-7/gaps", null).statusCode());
        HttpResponse<Buffer> missing = get("/v1/devices/no-such/gaps", api.token(ApiRole.COMPANY, "farm-b"));
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.getHeader("content-type"));
        assertEquals(400, get("/v1/devices/truck-7/gaps?limit=1001", api.token(ApiRole.REGULATOR, null)).statusCode());
        assertEquals(400, get("/v1/devices/truck-7/gaps?afterSeq=x", api.token(ApiRole.REGULATOR, null)).statusCode());
    }
}
