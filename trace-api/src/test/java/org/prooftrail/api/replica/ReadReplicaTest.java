package org.prooftrail.api.replica;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.store.registry.WriteGrants;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.proof.ProofBundles;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeatures;
import org.prooftrail.api.ReadPools;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.CountingConnections;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.HotStandby;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.testing.SigningDevice;

/**
 * The API reading from a real hot standby of the test PostgreSQL (see {@link HotStandby}): lookups and
 * proofs answer from the standby, scans are counted on the primary, and while the standby's replay is
 * paused and the primary goes on, a page is older (never wrong), a proof the standby cannot give yet is
 * "not yet", a code registered meanwhile is still found, and the evidence behind a page holds everything
 * the primary had; once replay resumes, lookups show the new data at once (nothing stale was kept).
 */
class ReadReplicaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "test.prooftrail.local/log";
    private static Vertx vertx;
    private static HotStandby standby;
    private static ApiHarness api;
    private static Database replica;
    private static SigningKey logKey;
    private static ColdChainFixture.Stored demo;
    private static SigningDevice sensor;
    private static BatchWriter writer;
    private static final CountingConnections onReplica = new CountingConnections();
    private static final CountingConnections onPrimary = new CountingConnections();

    /** Why the server cannot have a standby (its pg_hba.conf refuses replication), said by each test it skips. */
    private static String cannot;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        try {
            standby = HotStandby.of(TestServices.freshDatabase());
        } catch (org.opentest4j.TestAbortedException e) {
            cannot = e.getMessage().replaceFirst("^Assumption failed: ", "");
            return;
        }
        logKey = SigningKey.generate(SignatureAlgorithm.EdDSA);
        LogKey key = new LogKey(ORIGIN, logKey.verifyingKey());
        api = ApiHarness.start(vertx, Map.of(ResolverSettings.RATE, "10000", ResolverSettings.KEEP_JOURNEYS, "10m"), c -> {
            replica = Database.open(standby.like(c.db().settings()), "pt-db-api-read", Database.PlanCache.FORCE_CUSTOM_PLAN);
            ReadPools reads = new ReadPools(replica, replica.caughtUpWith(c.db(), Duration.ofMillis(300)), true);
            return ApiFeatures.all(new ApiContext(c.db(), c.settings(), c.auth(), key, c.hashAlg(), c.metrics(), reads));
        });
        demo = ColdChainFixture.store(api.db().dataSource(), api.base(), "sha256", Duration.ofHours(12),
                ColdChainFixture.Gap.NONE);
        AnchorStep.once(api.db().dataSource(), ORIGIN, logKey, "sha256");
        sensor = new SigningDevice("replica-test-org", "replica-test-scanner").register(api.db().dataSource());
        // the maker hires the scanner's company, so its events count on the maker's packs (docs/custody.md)
        new WriteGrants(api.db().dataSource()).grant(ColdChainFixture.MAKER, "replica-test-org", null, null);
        writer = new BatchWriter(api.db().dataSource(), MerkleHasher.sha256(), 1_000_000);
        replica.wrapConnections(onReplica);
        api.db().wrapConnections(onPrimary);
        standby.catchUp();
    }

    @BeforeEach
    void standbyRuns() {
        Assumptions.assumeTrue(cannot == null, cannot);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (api != null) {
                api.close();
            }
            if (replica != null) {
                replica.close();
            }
        } finally {
            if (standby != null) {
                standby.close(); // the standby process is killed whatever happened
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void lookupsAndProofsReadTheStandbyAndScansAreCountedOnThePrimary() throws Exception {
        onReplica.reset();
        onPrimary.reset();
        JsonObject item = json(demo.itemPath(1));
        assertFalse(item.getJsonArray("events").isEmpty(), item.encode());
        HttpResponse<Buffer> proof = proof("/v1/proofs/" + demo.commissioningDevice() + "/" + demo.commissioningSeq(), "application/json");
        assertEquals(200, proof.statusCode(), proof.bodyAsString());
        assertEquals(demo.commissioningSeq(), proof.bodyAsJsonObject().getJsonObject("envelope").getLong("seq"));
        HttpResponse<Buffer> page = get(demo.itemPath(2), "text/html");
        assertEquals(200, page.statusCode());

        assertFalse(onReplica.sent().isEmpty(), "the lookups read the standby");
        assertTrue(onPrimary.sent().stream().allMatch(s -> s.thread().equals("pt-scan-writer")),
                "only the scan log used the primary: " + onPrimary.sent());
        // the standby is read-only: the scans it could not have taken are on the primary
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> scansOnPrimary(demo.serials().get(1)) >= 1 && scansOnPrimary(demo.serials().get(2)) >= 1);
    }

    @Test
    void aStandbyBehindThePrimaryMakesPagesOlderAndProofsNotYetNeverWrong() throws Exception {
        int before = json(demo.itemPath(0)).getJsonArray("events").size();
        long first = observe(0, Instant.now().minus(3, ChronoUnit.MINUTES));
        standby.catchUp();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> json(demo.itemPath(0)).getJsonArray("events").size() == before + 1);

        standby.pauseReplay(true);
        try {
            long treeSize = AnchorStep.once(api.db().dataSource(), ORIGIN, logKey, "sha256");
            long second = observe(0, Instant.now().minus(2, ChronoUnit.MINUTES));
            String newSerial = "RPL" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            Product product = new Product(demo.gtin(), ColdChainFixture.MAKER, null);
            new Items(api.db().dataSource()).add(new Lots(api.db().dataSource()).find(product, demo.lot()).orElseThrow(),
                    List.of(new NewItem(newSerial, new DigitalLink(new Gtin(demo.gtin()), demo.lot(), newSerial).uri(api.base()), null)));
            try (Connection c = api.db().dataSource().getConnection()) {
                assertTrue(ProofBundles.forEnvelope(c, sensor.id(), first).isPresent(), "the primary can prove the first new event");
            }

            // the standby has the first event but not the checkpoint covering it: its proof is "not yet"
            HttpResponse<Buffer> proof = proof("/v1/proofs/" + sensor.id() + "/" + first, "application/json");
            assertEquals(404, proof.statusCode(), proof.bodyAsString());
            assertTrue(proof.bodyAsString().contains("not yet covered by a checkpoint"), proof.bodyAsString());
            String note = get("/v1/log/checkpoint", "text/plain").bodyAsString();
            assertTrue(Long.parseLong(note.split("\n")[1]) < treeSize, "the standby's newest checkpoint is older: " + note);
            // the page is as the standby has it: the first event, not the second; asked again, still so
            for (int i = 0; i < 3; i++) {
                assertEquals(before + 1, json(demo.itemPath(0)).getJsonArray("events").size());
            }
            // a code registered a moment ago is not called unknown
            String newPath = new DigitalLink(new Gtin(demo.gtin()), demo.lot(), newSerial).path();
            assertEquals(200, get(newPath, "application/json").statusCode());
            // the evidence behind a page holds everything committed before it was asked (here: from the primary)
            HttpResponse<Buffer> evidence = get("/v1/evidence" + demo.itemPath(0), "application/json");
            assertEquals(200, evidence.statusCode(), evidence.bodyAsString());
            assertTrue(evidence.bodyAsJsonObject().getJsonArray("envelopes").stream().map(JsonObject.class::cast)
                    .anyMatch(e -> e.getString("device").equals(sensor.id()) && e.getLong("seq") == second),
                    "the evidence holds the event the standby has not replayed");
        } finally {
            standby.pauseReplay(false);
        }
        // replay resumed: the second event shows at once, and the first one's proof is there
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> json(demo.itemPath(0)).getJsonArray("events").size() == before + 2);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> proof("/v1/proofs/" + sensor.id() + "/" + first, "application/json").statusCode() == 200);
    }

    /** Stores, on the primary, an observation of pack {@code item} at {@code at}; returns its envelope's seq. */
    private static long observe(int item, Instant at) throws Exception {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "ObjectEvent").put("eventTime", at.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("eventTimeZoneOffset", "+08:00").put("eventID", "urn:uuid:" + UUID.randomUUID()).put("action", "OBSERVE")
                .put("bizStep", "inspecting").put("disposition", "in_progress");
        e.putArray("epcList").add(api.base() + demo.itemPath(item));
        e.putObject("readPoint").put("id", ColdChainFixture.PHARMACY_LOCATION);
        e.putObject("bizLocation").put("id", ColdChainFixture.PHARMACY_LOCATION);
        long seq = sensor.nextSeq();
        ObjectNode payload = JSON.createObjectNode().put("dev", sensor.id()).put("seq", seq)
                .put("ts", at.truncatedTo(ChronoUnit.SECONDS).toString());
        payload.set("event", e);
        writer.write(List.of(sensor.overMqtt(sensor.sign(payload))));
        return seq;
    }

    private static long scansOnPrimary(String serial) throws Exception {
        try (Connection c = api.db().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM scan WHERE serial = ?")) {
            st.setString(1, serial);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A proof bundle as a regulator asks for it: event bundles are not public (docs/proofs.md). */
    private static HttpResponse<Buffer> proof(String path, String accept) throws Exception {
        return api.request(HttpMethod.GET, path, api.token(ApiRole.REGULATOR, "replica-test-regulator"))
                .putHeader("accept", accept).send().await(20, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> get(String path, String accept) throws Exception {
        return api.client().get(path).putHeader("accept", accept).send().await(20, TimeUnit.SECONDS);
    }

    private static JsonObject json(String path) throws Exception {
        HttpResponse<Buffer> r = get(path, "application/json");
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }
}
