package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.core.config.Settings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.scenario.DrugColdChain;
import org.prooftrail.sim.scenario.Scenario;
import org.prooftrail.sim.scenario.ScenarioApi;
import org.prooftrail.sim.scenario.ScenarioRun;

/**
 * Both simulator scenarios against a running server, as an operator would run them: registration
 * through the API, events and readings over MQTT; then the consumer page's provenance and the
 * regulator's trace show what was sent.
 */
class SimScenarioTest {
    private static final String SECRET = "scenario-test-secret-long-enough-for-hs256!";
    private Node node;
    private String clientId;
    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (clientId != null) {
            TestServices.clearMqttSession(clientId + "-ingest");
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void drugColdChainAndFarmToShelfShowUpOnThePageAndInTraces(@TempDir Path dir) throws Exception {
        clientId = "pt-scn-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(dir, clientId, Map.of(AuthSettings.SECRET, SECRET));
        String base = "http://127.0.0.1:" + node.httpPort();
        vertx = Vertx.vertx();
        TokenIssuer tokens = new TokenIssuer(vertx, AuthSettings.from(Settings.of(Map.of(AuthSettings.SECRET, SECRET))));
        String admin = tokens.issue("sim", ApiRole.ADMIN, null, Duration.ofHours(1));
        String regulator = tokens.issue("inspector", ApiRole.REGULATOR, null, Duration.ofHours(1));
        ScenarioApi api = new ScenarioApi(base, admin, org -> tokens.issue("sim", ApiRole.COMPANY, org, Duration.ofHours(1)));

        Scenario.Outcome drug;
        Scenario.Outcome farm;
        ScenarioRun drugRun;
        ScenarioRun farmRun;
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub", 500)) {
            drugRun = new ScenarioRun(api, pub, "d" + Long.toString(System.nanoTime() % 1_000_000, 36));
            drug = Scenario.named("drug-cold-chain", 30, 0.02).orElseThrow().run(drugRun);
            farmRun = new ScenarioRun(api, pub, "f" + Long.toString(System.nanoTime() % 1_000_000, 36));
            farm = Scenario.named("farm-to-shelf", 6, 0).orElseThrow().run(farmRun);
        }
        awaitStored(drugRun, drug.envelopes());
        awaitStored(farmRun, farm.envelopes());
        assertEquals(0, count("SELECT count(*) FROM rejected_message"), "every envelope the scenarios sent was accepted");

        // the consumer's view of a pack: its journey from commissioning to dispensing, and the truck's readings
        String pack = get(base + drug.itemPaths().get(1), null, "application/json");
        for (String step : new String[] {"commissioning", "packing", "shipping", "receiving", "unpacking"}) {
            assertTrue(pack.contains(step), step + " on the pack's journey: " + pack);
        }
        assertTrue(pack.contains("sim-reefer-"), "the truck's custody window and readings: " + pack);
        String dispensed = get(base + drug.itemPaths().get(0), null, "application/json");
        assertTrue(dispensed.contains("dispensing") && dispensed.contains("\"status\":\"dispensed\""), dispensed);
        assertTrue(dispensed.contains("\"dispensing\":{\"at\":") && dispensed.contains(DrugColdChain.PHARMACY_NAME),
                "sold by the pharmacy through POST /v1/dispensings: " + dispensed);

        // the regulator's recall list from the lot reaches all 30 packs
        String recall = get(base + drug.tracePaths().get(0), regulator, "application/json");
        assertEquals(30, recall.split("\"kind\":\"item\"", -1).length - 1, recall);

        // farm to shelf: forward from one harvest lot reaches the packs; back from a pack reaches both plots
        String forward = get(base + farm.tracePaths().get(0), regulator, "application/json");
        assertEquals(6, forward.split("\"kind\":\"item\"", -1).length - 1, forward);
        String back = get(base + farm.tracePaths().get(1), regulator, "application/json");
        assertTrue(back.contains("urn:epc:id:sgln:6901240.00011.0") && back.contains("urn:epc:id:sgln:6901240.00012.0"), back);
        assertTrue(back.contains("pesticide") && back.contains("fertiliser"), "input applications: " + back);
    }

    @Test
    void theDrugColdChainWithSdJwtEventsIsStoredWithDisclosuresApartAndTracesAsBefore(@TempDir Path dir) throws Exception {
        clientId = "pt-scn-" + UUID.randomUUID().toString().substring(0, 8);
        node = AllRolesNode.start(dir, clientId, Map.of(AuthSettings.SECRET, SECRET));
        String base = "http://127.0.0.1:" + node.httpPort();
        vertx = Vertx.vertx();
        TokenIssuer tokens = new TokenIssuer(vertx, AuthSettings.from(Settings.of(Map.of(AuthSettings.SECRET, SECRET))));
        String admin = tokens.issue("sim", ApiRole.ADMIN, null, Duration.ofHours(1));
        String regulator = tokens.issue("inspector", ApiRole.REGULATOR, null, Duration.ofHours(1));
        ScenarioApi api = new ScenarioApi(base, admin, org -> tokens.issue("sim", ApiRole.COMPANY, org, Duration.ofHours(1)));
        Scenario.Outcome drug;
        ScenarioRun run;
        try (MqttPublisher pub = new MqttPublisher(TestServices.mqttUrl(), clientId + "-pub", 500)) {
            run = new ScenarioRun(api, pub, "s" + Long.toString(System.nanoTime() % 1_000_000, 36))
                    .sdJwtEvents(org.prooftrail.core.sdjwt.EpcisDisclosurePolicy.defaults());
            drug = Scenario.named("drug-cold-chain", 24, 0).orElseThrow().run(run);
        }
        awaitStored(run, drug.envelopes());
        assertEquals(0, count("SELECT count(*) FROM rejected_message"), "every SD-JWT event was accepted");
        assertEquals(0, count("SELECT count(*) FROM envelope e WHERE e.kind = 'event' AND e.disclosures IS NULL"), "each event came with disclosures");
        assertEquals(0, count("SELECT count(*) FROM envelope e WHERE e.kind = 'event' AND position('~' IN convert_from(e.jws, 'UTF8')) > 0"),
                "envelope.jws holds the issuer-signed JWT alone");
        assertEquals(0, count("SELECT count(*) FROM envelope e CROSS JOIN LATERAL unnest(e.disclosures) AS d(text) "
                // the digest of a disclosure: base64url of the SHA-256 of its text, unpadded
                + "WHERE position(rtrim(translate(encode(sha256(convert_to(d.text, 'UTF8')), 'base64'), '+/', '-_'), '=') IN convert_from(decode(translate(split_part(convert_from(e.jws, 'UTF8'), '.', 2), '-_', '+/') "
                + "|| repeat('=', (4 - length(split_part(convert_from(e.jws, 'UTF8'), '.', 2)) % 4) % 4), 'base64'), 'UTF8')) = 0"),
                "every stored disclosure's digest is in its signed JWT");
        // rows come from the disclosed events: the regulator's recall list from the lot still reaches every pack
        String recall = get(base + drug.tracePaths().get(0), regulator, "application/json");
        assertEquals(24, recall.split("\"kind\":\"item\"", -1).length - 1, recall);
    }

    private void awaitStored(ScenarioRun run, int envelopes) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = node.database().connection();
                 PreparedStatement st = c.prepareStatement("SELECT count(*) FROM envelope WHERE device_id = ANY (?)")) {
                st.setArray(1, c.createArrayOf("text", run.devices().toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == envelopes;
                }
            }
        });
    }

    private long count(String sql) throws Exception {
        try (Connection c = node.database().connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String get(String url, String token, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("accept", accept).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return r.body();
    }
}
