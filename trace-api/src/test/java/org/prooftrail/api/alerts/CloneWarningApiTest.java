package org.prooftrail.api.alerts;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.resolver.ResolverSettings;
import org.prooftrail.api.testing.ColdChainFixture;

/**
 * A pack looked up from three regions (the default threshold) over real HTTP: the scan writer raises a
 * {@code clone-warning} alert that {@code GET /v1/alerts} shows to the pack's maker and to regulators,
 * not to another company, and counts it in {@code pt_clone_warnings_total}.
 */
class CloneWarningApiTest {
    private static Vertx vertx;
    private static ConsumerFixture f;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of(ResolverSettings.RATE, "10000"));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static JsonArray alerts(ApiRole role, String org) throws Exception {
        HttpResponse<Buffer> r = f.api.request(HttpMethod.GET, "/v1/alerts?kind=clone-warning", f.api.token(role, org))
                .putHeader("accept", "application/json").send().await(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getJsonArray("alerts");
    }

    @Test
    void aPackLookedUpFromThreeRegionsIsShownToItsMakerAndRegulatorsOnly() throws Exception {
        String path = f.demo.itemPath(1);
        for (String region : List.of("CN", "DE", "CN", "US")) {
            HttpResponse<Buffer> r = f.api.client().get(path).putHeader("accept", "application/json")
                    .putHeader("x-region", region).send().await(20, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.bodyAsString());
        }
        // the lot, looked up from as many regions, is no alert
        String lotPath = path.substring(0, path.indexOf("/21/"));
        for (String region : List.of("CN", "DE", "US", "JP")) {
            assertEquals(200, f.api.client().get(lotPath).putHeader("accept", "application/json").putHeader("x-region", region)
                    .send().await(20, TimeUnit.SECONDS).statusCode());
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !alerts(ApiRole.REGULATOR, null).isEmpty());
        JsonArray seen = alerts(ApiRole.REGULATOR, null);
        assertEquals(1, seen.size(), seen.encode());
        JsonObject a = seen.getJsonObject(0);
        assertEquals("clone-warning", a.getString("kind"));
        assertEquals(path, a.getString("subject"));
        assertEquals(ColdChainFixture.MAKER, a.getString("org"));
        JsonObject details = a.getJsonObject("details");
        assertEquals("CN,DE,US", details.getString("regions"));
        assertEquals("4", details.getString("lookups"));
        assertEquals("3", details.getString("threshold"));

        assertEquals(List.of(a.getLong("id")), alerts(ApiRole.COMPANY, ColdChainFixture.MAKER).stream()
                .map(o -> ((JsonObject) o).getLong("id")).toList(), "the maker sees it");
        assertTrue(alerts(ApiRole.COMPANY, ColdChainFixture.PHARMACY).isEmpty(), "another company does not");

        String metrics = f.api.client().get("/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
        assertTrue(metrics.contains("pt_clone_warnings_total 1.0"), metrics);
    }
}
