package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.MessageVerdict;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.envelopes.RefusedMessage;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.testing.SigningDevice;

/**
 * listDevices, getDevice, rotateDeviceKey and revokeDevice over HTTP: who may see and change what, and
 * that the health figures count what was stored and refused.
 */
class DeviceHealthApiTest {
    private static Vertx vertx;
    private static ApiHarness api;
    private static SigningDevice truck;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        truck = new SigningDevice("carrier-h", "truck-h1", 1).register(api.db().dataSource());
        new SigningDevice("carrier-h", "truck-h2").register(api.db().dataSource());
        new SigningDevice("farm-h", "probe-h1").register(api.db().dataSource());
        BatchWriter writer = new BatchWriter(api.db().dataSource(), MerkleHasher.sha256(), 100, 100);
        // seqs 1..10 and 13..14 (11 and 12 never arrived), each with three readings measured a minute ago
        Instant recent = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        List<MessageVerdict> batch = new ArrayList<>();
        for (long n : new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14}) {
            batch.add(truck.overMqtt(truck.readingsWithSeq(n, recent, 4.0, 4.5, 5.0)));
        }
        Origin topic = new Origin.MqttTopic(truck.readingsTopic());
        batch.add(new RefusedMessage(topic, "x".getBytes(StandardCharsets.US_ASCII), RejectionReason.BAD_SIGNATURE, "test", "truck-h1"));
        batch.add(new RefusedMessage(topic, "y".getBytes(StandardCharsets.US_ASCII), RejectionReason.BAD_SIGNATURE, "test", "truck-h1"));
        batch.add(new RefusedMessage(topic, "z".getBytes(StandardCharsets.US_ASCII), RejectionReason.CLOCK_SKEW, "test", "truck-h1"));
        writer.write(batch);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String token) throws Exception {
        return api.request(HttpMethod.GET, path, token).send().await(20, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> post(String path, String token, JsonObject body) throws Exception {
        return api.request(HttpMethod.POST, path, token).sendJsonObject(body).await(20, TimeUnit.SECONDS);
    }

    private static String company(String org) {
        return api.token(ApiRole.COMPANY, org);
    }

    @Test
    void theListShowsTheOrganisationsDevicesWithTheirFiguresToItsCompanyAndRegulators() throws Exception {
        HttpResponse<Buffer> r = get("/v1/orgs/carrier-h/devices", company("carrier-h"));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        JsonArray devices = r.bodyAsJsonObject().getJsonArray("devices");
        assertEquals(List.of("truck-h1", "truck-h2"), devices.stream().map(d -> ((JsonObject) d).getString("id")).toList());
        JsonObject t = devices.getJsonObject(0);
        assertEquals(new JsonObject().put("last15Minutes", 12).put("lastHour", 12), t.getJsonObject("envelopes"));
        assertEquals(new JsonObject().put("last15Minutes", 36).put("lastHour", 36), t.getJsonObject("readings"));
        assertEquals(new JsonObject().put("firstSeq", 1).put("maxSeq", 14).put("stored", 12).put("missing", 2),
                t.getJsonObject("stream"));
        JsonObject rejections = t.getJsonObject("rejections");
        assertEquals(3, rejections.getLong("total"));
        assertEquals(new JsonObject().put("BAD_SIGNATURE", 2).put("CLOCK_SKEW", 1), rejections.getJsonObject("byReason"));
        assertNotNull(t.getString("lastSeen"));
        JsonObject key = t.getJsonArray("keys").getJsonObject(0);
        assertEquals("truck-h1-k1", key.getString("kid"));
        assertEquals("EdDSA", key.getString("alg"));
        assertEquals(sha256OfDer(truck.publicKeyPem()), key.getString("fingerprint"));
        assertNull(key.getString("revokedAt"));

        JsonObject idle = devices.getJsonObject(1);
        assertEquals(0, idle.getJsonObject("envelopes").getLong("lastHour"));
        assertNull(idle.getString("lastSeen"));
        assertEquals(0, idle.getJsonObject("rejections").getLong("total"));

        assertEquals(200, get("/v1/orgs/carrier-h/devices", api.token(ApiRole.REGULATOR, null)).statusCode(), "regulators read");
        assertEquals(403, get("/v1/orgs/carrier-h/devices", company("farm-h")).statusCode(), "another company");
        assertEquals(401, get("/v1/orgs/carrier-h/devices", null).statusCode());
        assertEquals(404, get("/v1/orgs/nobody-here/devices", api.token(ApiRole.REGULATOR, null)).statusCode());

        JsonObject first = get("/v1/orgs/carrier-h/devices?limit=1", company("carrier-h")).bodyAsJsonObject();
        assertEquals(1, first.getJsonArray("devices").size());
        assertEquals("truck-h1", first.getString("nextAfter"));
        JsonObject second = get("/v1/orgs/carrier-h/devices?limit=1&after=truck-h1", company("carrier-h")).bodyAsJsonObject();
        assertEquals("truck-h2", second.getJsonArray("devices").getJsonObject(0).getString("id"));
        assertNull(second.getString("nextAfter"));
    }

    @Test
    void oneDeviceIsReadByItsCompanyAndRegulatorsOnly() throws Exception {
        HttpResponse<Buffer> r = get("/v1/devices/truck-h1", api.token(ApiRole.REGULATOR, null));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertEquals("carrier-h", r.bodyAsJsonObject().getString("org"));
        assertEquals(403, get("/v1/devices/truck-h1", company("farm-h")).statusCode());
        assertEquals(404, get("/v1/devices/no-such", company("farm-h")).statusCode());
    }

    @Test
    void aRotationPutsTheNewKeyInForceAndRevokesTheOldOne() throws Exception {
        new SigningDevice("carrier-h", "truck-h3").register(api.db().dataSource());
        String pem = PublicKeys.toPem(SigningKey.generate(SignatureAlgorithm.ES256).verifyingKey());
        JsonObject body = new JsonObject().put("alg", "ES256").put("kid", "truck-h3-k2").put("publicKeyPem", pem);

        assertEquals(403, post("/v1/devices/truck-h3/keys", company("farm-h"), body).statusCode(), "another company");
        assertEquals(403, post("/v1/devices/truck-h3/keys", api.token(ApiRole.REGULATOR, null), body).statusCode());
        assertEquals(404, post("/v1/devices/no-such/keys", company("carrier-h"), body).statusCode());
        HttpResponse<Buffer> mismatch = post("/v1/devices/truck-h3/keys", company("carrier-h"), body.copy().put("alg", "EdDSA"));
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.bodyAsString().contains("holds a ES256 key but alg is EdDSA"), mismatch.bodyAsString());
        assertEquals(409, post("/v1/devices/truck-h3/keys", company("carrier-h"), body.copy().put("kid", "truck-h1-k1")).statusCode(),
                "a key id that is taken");

        HttpResponse<Buffer> r = post("/v1/devices/truck-h3/keys", company("carrier-h"), body);
        assertEquals(201, r.statusCode(), r.bodyAsString());
        assertEquals(new JsonArray().add("truck-h3-k1"), r.bodyAsJsonObject().getJsonArray("revokedKids"));
        assertEquals(sha256OfDer(pem), r.bodyAsJsonObject().getString("fingerprint"));

        DeviceRegistry registry = new DeviceRegistry(api.db().dataSource());
        assertTrue(registry.findKey("truck-h3-k1").orElseThrow().revoked(), "the old key no longer speaks for the device");
        assertFalse(registry.findKey("truck-h3-k2").orElseThrow().revoked());
        JsonArray keys = get("/v1/devices/truck-h3", company("carrier-h")).bodyAsJsonObject().getJsonArray("keys");
        assertEquals(2, keys.size());
        assertEquals("truck-h3-k2", keys.getJsonObject(0).getString("kid"), "newest first");
        assertNotNull(keys.getJsonObject(1).getString("revokedAt"));

        HttpResponse<Buffer> byDefault = post("/v1/devices/truck-h3/keys", company("carrier-h"), new JsonObject().put("alg", "EdDSA")
                .put("publicKeyPem", PublicKeys.toPem(SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey())));
        assertEquals(201, byDefault.statusCode(), byDefault.bodyAsString());
        assertTrue(byDefault.bodyAsJsonObject().getString("kid").matches("truck-h3-\\d{14}"), byDefault.bodyAsString());
    }

    @Test
    void aRevokedDeviceStaysRevokedAndTakesNoNewKey() throws Exception {
        new SigningDevice("carrier-h", "truck-h4").register(api.db().dataSource());
        JsonObject why = new JsonObject().put("reason", "stolen from the depot");
        assertEquals(403, post("/v1/devices/truck-h4/revoke", company("farm-h"), why).statusCode());
        assertEquals(403, post("/v1/devices/truck-h4/revoke", api.token(ApiRole.REGULATOR, null), why).statusCode());
        assertEquals(400, post("/v1/devices/truck-h4/revoke", company("carrier-h"), new JsonObject()).statusCode());
        assertEquals(400, post("/v1/devices/truck-h4/revoke", company("carrier-h"), new JsonObject().put("reason", " ")).statusCode());

        HttpResponse<Buffer> r = post("/v1/devices/truck-h4/revoke", company("carrier-h"), why);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        assertNotNull(r.bodyAsJsonObject().getString("revokedAt"));
        assertTrue(new DeviceRegistry(api.db().dataSource()).findKey("truck-h4-k1").orElseThrow().revoked());
        assertEquals(409, post("/v1/devices/truck-h4/revoke", company("carrier-h"), why).statusCode(), "revoked already");
        JsonObject key = new JsonObject().put("alg", "EdDSA")
                .put("publicKeyPem", PublicKeys.toPem(SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey()));
        assertEquals(409, post("/v1/devices/truck-h4/keys", company("carrier-h"), key).statusCode(), "no new key for a revoked device");
        assertNotNull(get("/v1/devices/truck-h4", company("carrier-h")).bodyAsJsonObject().getString("revokedAt"));
    }

    private static String sha256OfDer(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}
