package org.prooftrail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.ops.DatabaseCheck;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import static org.awaitility.Awaitility.await;

@ExtendWith(VertxExtension.class)
class HealthAndMetricsTest {
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private int deploy(Vertx vertx, Database database, PrometheusMeterRegistry registry) throws Exception {
        ApiVerticle api = new ApiVerticle(new ApiSettings("127.0.0.1", 0), registry,
                List.of(new DatabaseCheck(database)),
                AuthSettings.from(org.prooftrail.core.config.Settings.of(java.util.Map.of())), List.of());
        vertx.deployVerticle(api).await(10, TimeUnit.SECONDS);
        return api.actualPort();
    }

    private static HttpResponse<Buffer> get(Vertx vertx, int port, String path) throws Exception {
        return WebClient.create(vertx).get(port, "127.0.0.1", path).send().await(10, TimeUnit.SECONDS);
    }

    @Test
    void readyWhenTheDatabaseAnswersAndMetricsAreServed(Vertx vertx) throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("pt_test_marker_total").increment();
        int port = deploy(vertx, db, registry);

        assertEquals(200, get(vertx, port, "/health/live").statusCode());
        await().atMost(Duration.ofSeconds(15)).until(() -> get(vertx, port, "/health/ready").statusCode() == 200);
        JsonObject ready = get(vertx, port, "/health/ready").bodyAsJsonObject();
        assertEquals("UP", ready.getString("status"));

        HttpResponse<Buffer> metrics = get(vertx, port, "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.bodyAsString().contains("pt_test_marker_total 1.0"), metrics.bodyAsString());
    }

    @Test
    void notReadyAndNamesTheDatabaseWhenItDoesNotAnswer(Vertx vertx) throws Exception {
        db = Database.open(new DatabaseSettings("jdbc:postgresql://127.0.0.1:9/nothing", "x", "", 1));
        int port = deploy(vertx, db, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

        assertEquals(200, get(vertx, port, "/health/live").statusCode(), "liveness does not depend on services");
        HttpResponse<Buffer> ready = get(vertx, port, "/health/ready");
        assertEquals(503, ready.statusCode());
        String body = ready.bodyAsString();
        assertTrue(body.contains("database") && body.contains("does not answer"), body);
        // The broker is no longer the API's concern; its outage is checked on an ingest node (RoleReadinessTest).
    }
}
