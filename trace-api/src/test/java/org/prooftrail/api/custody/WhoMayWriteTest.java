package org.prooftrail.api.custody;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.testing.SigningDevice;

/**
 * Who may write about whose goods (docs/custody.md), over real HTTP on a real database: a rival company
 * with its own token and its own registered devices writes about the maker's pack and sends 15 °C
 * readings; none of it reaches the pack's JSON, page or verdict, and the maker and regulators see it as
 * unconfirmed claims. The same event by a company the maker shipped the pack to counts; a granted carrier's
 * readings count; a revoked grant stops later events counting.
 */
class WhoMayWriteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RIVAL = "rival-pharma";
    private static final String RIVAL_GLN = "690555500001" + Gtin.checkDigit("690555500001");
    private static final String RIVAL_LOCATION = "https://id.gs1.org/414/" + RIVAL_GLN;
    private static final String RIVAL_PGLN = "urn:epc:id:pgln:6905555.00001";
    private Vertx vertx;
    private ConsumerFixture f;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.RATE, "10000"));
        new Organisations(f.api.db().dataSource()).ensure(RIVAL, "Rival Pharma", RIVAL_GLN);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aRivalsEventAndReadingsChangeNothingAndShowAsUnconfirmedClaims() throws Exception {
        JsonObject before = item(0);
        String pageBefore = page(0);
        JsonObject traceBefore = trace(0);

        Instant at = Instant.now().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        capture(RIVAL, event(at, "destroying", "destroyed", RIVAL_LOCATION, f.api.base() + f.demo.itemPath(0)));
        // its own sensor at its own place, and one it registered at the pharmacy where the pack is
        hotReadings(device(RIVAL, "rival-probe", RIVAL_LOCATION), at);
        hotReadings(device(RIVAL, "rival-probe-2", ColdChainFixture.PHARMACY_LOCATION), at);

        JsonObject after = item(0);
        assertEquals(before.getJsonArray("events"), after.getJsonArray("events"));
        assertEquals(before.getJsonArray("custody").size(), after.getJsonArray("custody").size());
        assertEquals(before.getJsonObject("coldChain").getString("verdict"), after.getJsonObject("coldChain").getString("verdict"));
        assertEquals(before.getJsonObject("coldChain").getInteger("excursionCount"),
                after.getJsonObject("coldChain").getInteger("excursionCount"));
        assertFalse(after.encode().contains("rival"), after.encode());
        String pageAfter = page(0);
        assertFalse(pageAfter.contains("Rival Pharma") || pageAfter.contains("rival-probe"));
        assertEquals(pageBefore.contains("destroyed"), pageAfter.contains("destroyed"));

        JsonObject traceAfter = trace(0);
        assertEquals(traceBefore.getJsonArray("events"), traceAfter.getJsonArray("events"));
        assertEquals(traceBefore.getJsonArray("nodes"), traceAfter.getJsonArray("nodes"));
        JsonObject traced = traceAfter.getJsonArray("unconfirmedClaims").getJsonObject(0);
        assertEquals(RIVAL, traced.getString("org"));
        assertEquals("destroyed", traced.getString("disposition"));
        for (String token : List.of(f.api.token(ApiRole.COMPANY, ColdChainFixture.MAKER), f.api.token(ApiRole.REGULATOR, null))) {
            JsonArray claims = claims(token, 200).getJsonArray("unconfirmedClaims");
            JsonObject event = find(claims, "event");
            assertEquals(RIVAL, event.getJsonObject("organisation").getString("id"));
            assertEquals("destroyed", event.getJsonObject("event").getString("disposition"));
            JsonObject readings = find(claims, "readings");
            assertEquals("rival-probe-2", readings.getString("device"));
            assertEquals(ColdChainFixture.PHARMACY_LOCATION, readings.getString("location"));
            assertTrue(readings.getInteger("readings") > 10, readings.encode());
        }
        claims(f.api.token(ApiRole.COMPANY, RIVAL), 403);
        claims(null, 401);
    }

    @Test
    void theSameEventByACompanyThePackWasShippedToCounts() throws Exception {
        Instant shipped = Instant.now().minus(100, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode shipping = event(shipped, "shipping", "in_transit", ColdChainFixture.PHARMACY_LOCATION,
                f.api.base() + f.demo.itemPath(0));
        shipping.putArray("destinationList").addObject().put("type", "owning_party").put("destination", RIVAL_PGLN);
        capture(ColdChainFixture.MAKER, shipping);
        Instant at = shipped.plus(10, ChronoUnit.MINUTES);
        capture(RIVAL, event(at, "destroying", "destroyed", RIVAL_LOCATION, f.api.base() + f.demo.itemPath(0)));
        hotReadings(device(RIVAL, "rival-probe", RIVAL_LOCATION), at);

        JsonObject after = item(0);
        JsonObject last = after.getJsonArray("events").getJsonObject(after.getJsonArray("events").size() - 1);
        assertEquals("destroyed", last.getString("disposition"), after.encode());
        assertEquals("Rival Pharma", last.getString("organisation"));
        JsonObject custody = after.getJsonArray("custody").getJsonObject(after.getJsonArray("custody").size() - 1);
        assertEquals(RIVAL_LOCATION, custody.getString("location"));
        assertEquals(List.of("rival-probe"), custody.getJsonArray("devices").getList());
        assertTrue(after.getJsonObject("coldChain").getInteger("excursionCount") >= 2, after.encode());
        assertEquals(0, claims(f.api.token(ApiRole.REGULATOR, null), 200).getJsonArray("unconfirmedClaims").size());
        JsonObject traced = trace(0);
        assertTrue(traced.getJsonArray("events").stream().map(JsonObject.class::cast)
                .anyMatch(e -> RIVAL.equals(e.getString("org")) && "destroyed".equals(e.getString("disposition"))), traced.encode());
        assertEquals(0, traced.getJsonArray("unconfirmedClaims").size());
    }

    @Test
    void aGrantedCarriersReadingsCountAndARevokedGrantStopsLaterEventsCounting() throws Exception {
        JsonObject journey = item(1);
        JsonObject truck = journey.getJsonArray("custody").stream().map(JsonObject.class::cast)
                .filter(w -> w.getString("location").equals(ColdChainFixture.TRUCK_LOCATION)).findFirst().orElseThrow();
        assertEquals(List.of("ccdemo-reefer-7"), truck.getJsonArray("devices").getList());
        assertTrue(truck.getInteger("readings") > 0);
        assertEquals("ccdemo-reefer-7", journey.getJsonObject("coldChain").getJsonArray("worst").getJsonObject(0).getString("device"));

        String maker = f.api.token(ApiRole.COMPANY, ColdChainFixture.MAKER);
        HttpResponse<Buffer> granted = f.api.request(HttpMethod.POST, "/v1/grants", maker)
                .sendJsonObject(new JsonObject().put("grantee", RIVAL).put("gtin", f.demo.gtin()).put("lot", f.demo.lot()))
                .await(20, TimeUnit.SECONDS);
        assertEquals(201, granted.statusCode(), granted.bodyAsString());
        long id = granted.bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> notOwner = f.api.request(HttpMethod.POST, "/v1/grants", f.api.token(ApiRole.COMPANY, RIVAL))
                .sendJsonObject(new JsonObject().put("grantee", ColdChainFixture.CARRIER).put("gtin", f.demo.gtin()))
                .await(20, TimeUnit.SECONDS);
        assertEquals(403, notOwner.statusCode(), notOwner.bodyAsString());

        Instant at = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        capture(RIVAL, event(at, "inspecting", "in_progress", ColdChainFixture.PHARMACY_LOCATION, f.api.base() + f.demo.itemPath(1)));
        assertEquals(1, count(item(1), "inspecting"));

        HttpResponse<Buffer> revoked = f.api.request(HttpMethod.DELETE, "/v1/grants/" + id, maker).send().await(20, TimeUnit.SECONDS);
        assertEquals(200, revoked.statusCode(), revoked.bodyAsString());
        assertTrue(revoked.bodyAsJsonObject().getString("revokedAt") != null);
        HttpResponse<Buffer> notTheirs = f.api.request(HttpMethod.DELETE, "/v1/grants/" + id,
                f.api.token(ApiRole.COMPANY, RIVAL)).send().await(20, TimeUnit.SECONDS);
        assertEquals(404, notTheirs.statusCode());

        capture(RIVAL, event(at.plusSeconds(60), "inspecting", "damaged", ColdChainFixture.PHARMACY_LOCATION,
                f.api.base() + f.demo.itemPath(1)));
        JsonObject after = item(1);
        assertEquals(1, count(after, "inspecting"), "the event stored while the grant stood still counts, the later one not");
        JsonObject claim = find(claims(maker, 200).getJsonArray("unconfirmedClaims"), "event");
        assertEquals("damaged", claim.getJsonObject("event").getString("disposition"));
    }

    @Test
    void aGrantGivenLaterConfirmsTheClaimOnTheKeptJourney() throws Exception {
        Instant at = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        capture(RIVAL, event(at, "inspecting", "in_progress", ColdChainFixture.PHARMACY_LOCATION, f.api.base() + f.demo.itemPath(2)));
        assertEquals(0, count(item(2), "inspecting"));
        HttpResponse<Buffer> granted = f.api.request(HttpMethod.POST, "/v1/grants", f.api.token(ApiRole.COMPANY, ColdChainFixture.MAKER))
                .sendJsonObject(new JsonObject().put("grantee", RIVAL)).await(20, TimeUnit.SECONDS);
        assertEquals(201, granted.statusCode(), granted.bodyAsString());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> count(item(2), "inspecting") == 1);
    }

    private static long count(JsonObject journey, String bizStep) {
        return journey.getJsonArray("events").stream().map(JsonObject.class::cast)
                .filter(e -> bizStep.equals(e.getString("bizStep"))).count();
    }

    private static JsonObject find(JsonArray claims, String kind) {
        return claims.stream().map(JsonObject.class::cast).filter(c -> kind.equals(c.getString("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " claim in " + claims.encode()));
    }

    private JsonObject item(int i) throws Exception {
        HttpResponse<Buffer> r = f.api.client().get(f.demo.itemPath(i)).putHeader("accept", "application/json").send()
                .await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** The regulator's forward trace from pack {@code i}. */
    private JsonObject trace(int i) throws Exception {
        String code = java.net.URLEncoder.encode("https://id.gs1.org" + f.demo.itemPath(i), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = f.api.request(HttpMethod.GET, "/v1/trace/" + code, f.api.token(ApiRole.REGULATOR, null))
                .send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    private String page(int i) throws Exception {
        HttpResponse<Buffer> r = f.api.client().get(f.demo.itemPath(i)).putHeader("accept", "text/html").send()
                .await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        return r.bodyAsString();
    }

    private JsonObject claims(String token, int status) throws Exception {
        HttpResponse<Buffer> r = f.api.request(HttpMethod.GET, "/v1/products/" + f.demo.gtin() + "/lots/" + f.demo.lot()
                + "/claims", token).send().await(20, TimeUnit.SECONDS);
        assertEquals(status, r.statusCode(), r.bodyAsString());
        return status == 200 ? r.bodyAsJsonObject() : null;
    }

    private static ObjectNode event(Instant at, String bizStep, String disposition, String location, String epc) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "ObjectEvent").put("eventTime", at.toString()).put("eventTimeZoneOffset", "+08:00")
                .put("eventID", "urn:uuid:" + UUID.randomUUID()).put("action", "OBSERVE").put("bizStep", bizStep)
                .put("disposition", disposition);
        e.putArray("epcList").add(epc);
        e.putObject("readPoint").put("id", location);
        e.putObject("bizLocation").put("id", location);
        return e;
    }

    /** Captures one event over HTTP with a company token of {@code org}, and waits for the job to succeed. */
    private void capture(String org, ObjectNode event) throws Exception {
        JsonObject doc = new JsonObject().put("@context", new JsonArray().add("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"))
                .put("type", "EPCISDocument").put("schemaVersion", "2.0").put("creationDate", Instant.now().toString())
                .put("epcisBody", new JsonObject().put("eventList", new JsonArray().add(new JsonObject(event.toString()))));
        String token = f.api.token(ApiRole.COMPANY, org);
        HttpResponse<Buffer> r = f.api.request(HttpMethod.POST, "/epcis/capture", token)
                .putHeader("content-type", "application/ld+json").sendBuffer(doc.toBuffer()).await(20, TimeUnit.SECONDS);
        assertEquals(202, r.statusCode(), r.bodyAsString());
        String location = r.getHeader("Location");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonObject job = f.api.request(HttpMethod.GET, location, token).send().await(20, TimeUnit.SECONDS).bodyAsJsonObject();
            if (!job.getBoolean("running") && !job.getBoolean("success")) {
                throw new AssertionError("capture failed: " + job.encode());
            }
            return !job.getBoolean("running");
        });
    }

    private SigningDevice device(String org, String id, String location) throws Exception {
        SigningDevice d = new SigningDevice(org, id);
        DeviceRegistry registry = new DeviceRegistry(f.api.db().dataSource());
        registry.registerDevice(org, id, "sensor", null, location);
        registry.addKey(id, d.kid(), "EdDSA", d.publicKeyPem());
        return d;
    }

    /** 15 °C every 5 minutes for an hour from {@code from}, stored as ingest stores them. */
    private void hotReadings(SigningDevice d, Instant from) throws Exception {
        List<AcceptedEnvelope> batch = new ArrayList<>();
        for (int m = 0; m <= 60; m += 5) {
            batch.add(d.overMqtt(d.readingsWithSeq(d.nextSeq(), from.plus(m, ChronoUnit.MINUTES), 15.0)));
        }
        new BatchWriter(f.api.db().dataSource(), MerkleHasher.sha256(), 1_000_000).write(batch);
    }
}
