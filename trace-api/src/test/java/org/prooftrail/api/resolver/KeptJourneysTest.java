package org.prooftrail.api.resolver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.CountingConnections;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.testing.SigningDevice;

/**
 * Kept journeys follow the data: with journeys kept for ten minutes, a new event naming a pack, a new
 * reading of a device in its custody and a registry change each show on the pack's next lookups
 * within seconds, because the writer's transaction announces them; nothing else could explain it.
 */
class KeptJourneysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static final CountingConnections counter = new CountingConnections();
    private static SigningDevice sensor;
    private static BatchWriter writer;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.RATE, "10000", ResolverSettings.KEEP_JOURNEYS, "10m"));
        f.api.db().wrapConnections(counter);
        // the pharmacy holds the packs (the maker shipped them to it), so its events and readings count
        sensor = new SigningDevice(ColdChainFixture.PHARMACY, "kept-test-fridge");
        org.prooftrail.store.registry.DeviceRegistry registry = new org.prooftrail.store.registry.DeviceRegistry(f.api.db().dataSource());
        registry.registerDevice(ColdChainFixture.PHARMACY, sensor.id(), "gateway");
        registry.addKey(sensor.id(), sensor.kid(), "EdDSA", sensor.publicKeyPem());
        f.sql("UPDATE device SET location = ? WHERE id = ?", ColdChainFixture.PHARMACY_LOCATION, sensor.id());
        writer = new BatchWriter(f.api.db().dataSource(), MerkleHasher.sha256(), 1_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonObject lookup(int item) throws Exception {
        var r = f.api.client().get(f.demo.itemPath(item)).putHeader("accept", "application/json").send()
                .await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** Waits until item {@code item}'s lookup is served from memory (no statement), and returns it. */
    private static JsonObject kept(int item) {
        JsonObject[] last = new JsonObject[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            counter.reset();
            last[0] = lookup(item);
            return counter.sent().stream().noneMatch(s -> !s.thread().equals("pt-scan-writer"));
        });
        return last[0];
    }

    private static int openWindowReadings(JsonObject lookup) {
        var custody = lookup.getJsonArray("custody");
        return custody.getJsonObject(custody.size() - 1).getInteger("readings");
    }

    @Test
    void aNewEventNamingThePackShowsAtOnce() throws Exception {
        int before = kept(0).getJsonArray("events").size();
        ObjectNode e = JSON.createObjectNode();
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        e.put("type", "ObjectEvent").put("eventTime", at.toString()).put("eventTimeZoneOffset", "+08:00")
                .put("eventID", "urn:uuid:" + UUID.randomUUID()).put("action", "OBSERVE").put("bizStep", "inspecting")
                .put("disposition", "in_progress");
        e.putArray("epcList").add(f.api.base() + f.demo.itemPath(0));
        e.putObject("readPoint").put("id", ColdChainFixture.PHARMACY_LOCATION);
        e.putObject("bizLocation").put("id", ColdChainFixture.PHARMACY_LOCATION);
        writer.write(List.of(sensor.overMqtt(sensor.event(at, e))));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> lookup(0).getJsonArray("events").size() == before + 1);
    }

    @Test
    void aNewReadingOfADeviceInCustodyShowsAtOnceForEveryPackOfTheLot() throws Exception {
        kept(0);
        int before = openWindowReadings(kept(1));
        Instant at = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        writer.write(List.of(sensor.overMqtt(sensor.readingsWithSeq(sensor.nextSeq(), at, 5.0, 5.1))));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> openWindowReadings(lookup(1)) == before + 2);
    }

    @Test
    void aRegistryChangeShowsAtOnce() throws Exception {
        String name = kept(2).getJsonObject("product").getString("name");
        try {
            f.sql("UPDATE product SET name = ? WHERE gtin = ?", name + " (renamed)", f.demo.gtin());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> lookup(2).getJsonObject("product").getString("name").equals(name + " (renamed)"));
        } finally {
            f.sql("UPDATE product SET name = ? WHERE gtin = ?", name, f.demo.gtin());
        }
        assertTrue(kept(2).getJsonObject("product").getString("name").equals(name));
    }
}
