package org.prooftrail.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.embedded.testing.TcpProxy;
import org.prooftrail.embedded.testing.TestServices;

/**
 * Each role's readiness checks what that role uses: an API node answers lookups whether or not the
 * broker is up, an ingest node without its broker must leave the load balancer's rotation.
 */
class RoleReadinessTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private Map<String, String> env(String mqttUrl, String clientId) throws Exception {
        DatabaseSettings db = TestServices.freshDatabase();
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        env.put("PT_MQTT_URL", mqttUrl);
        env.put("PT_MQTT_CLIENT_ID", clientId);
        env.put("PT_MQTT_SHARED_GROUP", clientId);
        env.put("PT_HTTP_PORT", "0");
        env.put("PT_HTTP_HOST", "127.0.0.1");
        env.put("PT_LOG_KEY_FILE", DemoLogKey.ensure(dir).toString());
        env.put("PT_LOG_ORIGIN", "test.prooftrail.test/log");
        return env;
    }

    private static HttpResponse<String> get(Node node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiNodeIsReadyWhileTheBrokerIsDown() throws Exception {
        // Nothing listens on port 9: the broker named in the settings is down for the node's whole life.
        String id = "pt-ready-api-" + UUID.randomUUID().toString().substring(0, 8);
        try (Node node = Node.start(Settings.of(env("tcp://127.0.0.1:9", id)), EnumSet.of(Role.API))) {
            HttpResponse<String> ready = get(node, "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("database") && ready.body().contains("log"), ready.body());
            assertTrue(!ready.body().contains("broker"), "the API does not check the broker: " + ready.body());
            assertEquals(200, get(node, "/metrics").statusCode());
        }
    }

    @Test
    void ingestNodeTurnsUnreadyWhenItsBrokerGoesAway() throws Exception {
        URI broker = URI.create(TestServices.mqttUrl());
        String id = "pt-ready-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        try (TcpProxy proxy = new TcpProxy(broker.getHost(), broker.getPort())) {
            Map<String, String> env = env("tcp://127.0.0.1:" + proxy.port(), id);
            try (Node node = Node.start(Settings.of(env), EnumSet.of(Role.INGEST))) {
                await().atMost(Duration.ofSeconds(15)).until(() -> get(node, "/health/ready").statusCode() == 200);
                HttpResponse<String> metrics = get(node, "/metrics");
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "health and metrics without the API role");
                assertEquals(404, get(node, "/v1/organisations").statusCode(), "an ingest node serves no API");

                proxy.cut();
                await().atMost(Duration.ofSeconds(15)).until(() -> get(node, "/health/ready").statusCode() == 503);
                String body = get(node, "/health/ready").body();
                assertTrue(body.contains("broker") && body.contains("not connected"), body);
            } finally {
                TestServices.clearMqttSession(id + "-ingest");
            }
        }
    }
}
