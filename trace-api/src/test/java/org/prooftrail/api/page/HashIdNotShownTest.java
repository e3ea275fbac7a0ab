package org.prooftrail.api.page;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.epcis.EventHashId;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.testing.SigningDevice;

/**
 * An event whose eventID is its CBV 2.0 hash ID (an unsalted digest of its lists: whoever holds it can
 * confirm a guess of them) is on a pack's journey. The anonymous JSON and page leave that eventID out;
 * the page's check in a real browser still verifies (the signed record's ni: eventID is accepted as not
 * shown); a regulator still finds the event by it.
 */
class HashIdNotShownTest {
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static HeadlessChromium chromium;
    private static String hashId;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of());
        SigningDevice inspector = new SigningDevice(ColdChainFixture.MAKER, "ccdemo-inspector");
        org.prooftrail.store.registry.DeviceRegistry registry = new org.prooftrail.store.registry.DeviceRegistry(f.api.db().dataSource());
        registry.registerDevice(ColdChainFixture.MAKER, inspector.id(), "gateway");
        registry.addKey(inspector.id(), inspector.kid(), "EdDSA", inspector.publicKeyPem());
        Instant at = Instant.now().minus(Duration.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode event = new ObjectMapper().createObjectNode();
        event.put("type", "ObjectEvent").put("eventTime", at.toString()).put("eventTimeZoneOffset", "+08:00")
                .put("action", "OBSERVE").put("bizStep", "inspecting").put("disposition", "active");
        event.putArray("epcList").add(new DigitalLink(new Gtin(f.demo.gtin()), f.demo.lot(), f.demo.serials().get(0))
                .uri("https://id.gs1.org"));
        event.putObject("readPoint").put("id", ColdChainFixture.FACTORY_LOCATION);
        event.putObject("bizLocation").put("id", ColdChainFixture.FACTORY_LOCATION);
        hashId = EventHashId.of(event).uri();
        event.put("eventID", hashId);
        new BatchWriter(f.api.db().dataSource(), MerkleHasher.byName("sha256"), Long.MAX_VALUE / 4).write(List.of(
                new AcceptedEnvelope(inspector.eventWithSeq(1, at, event), ColdChainFixture.MAKER,
                        new Origin.MqttTopic(inspector.eventsTopic()))));
        AnchorStep.once(f.api.db().dataSource(), ConsumerFixture.ORIGIN, f.logKey, "sha256");
        chromium = HeadlessChromium.start(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theJsonAndThePageLeaveTheHashIdOutAndStillVerify() throws Exception {
        String json = f.api.client().request(HttpMethod.GET, f.demo.itemPath(0)).putHeader("accept", "application/json")
                .send().await(20, TimeUnit.SECONDS).bodyAsString();
        JsonObject inspecting = new JsonObject(json).getJsonArray("events").stream().map(e -> (JsonObject) e)
                .filter(e -> "inspecting".equals(e.getString("bizStep"))).findFirst().orElseThrow();
        assertNull(inspecting.getString("eventID"), inspecting.encode());
        assertFalse(json.contains("ni:///"), "no hash ID in the provenance JSON");
        String html = f.api.client().request(HttpMethod.GET, f.demo.itemPath(0)).putHeader("accept", "text/html")
                .send().await(20, TimeUnit.SECONDS).bodyAsString();
        assertFalse(html.contains("ni:///"), "no hash ID in the page");

        chromium.navigate(f.api.base() + f.demo.itemPath(0));
        String[] seen = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = chromium.badge();
            return seen[0] != null && !seen[0].startsWith("checking|");
        });
        assertTrue(seen[0].startsWith("verified|browser"), seen[0]);

        int status = f.api.request(HttpMethod.GET, "/epcis/events/" + URLEncoder.encode(hashId, StandardCharsets.UTF_8),
                f.api.token(ApiRole.REGULATOR, null)).send().await(20, TimeUnit.SECONDS).statusCode();
        assertEquals(200, status, "a regulator still reads the event by its hash ID");
    }
}
