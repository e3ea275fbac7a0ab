package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.embedded.testing.TestServices;

/**
 * An API node's /metrics has what an operator watches HTTP by: request latency histograms per route
 * template and status, and the queue times of the API's named worker pools; labels stay bounded.
 */
class HttpMetricsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private static HttpResponse<String> get(Node node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the first sample named {@code name} whose labels match every one of {@code labels} (regexes). */
    private static double sample(String metrics, String name, String... labels) {
        for (String line : metrics.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(name.length() + 1, line.lastIndexOf('}'));
            boolean all = true;
            for (String label : labels) {
                all &= Pattern.compile("(^|,)" + label + "(,|$)").matcher(labelPart).find();
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + name + " with " + List.of(labels) + " in\n" + metrics);
    }

    @Test
    void metricsHaveRouteHistogramsStatusCountsAndPoolQueueTimes() throws Exception {
        DatabaseSettings db = TestServices.freshDatabase();
        Map<String, String> env = new HashMap<>();
        env.put("PT_DB_URL", db.url());
        env.put("PT_DB_USER", db.user());
        env.put("PT_HTTP_PORT", "0");
        env.put("PT_HTTP_HOST", "127.0.0.1");
        env.put("PT_LOG_KEY_FILE", DemoLogKey.ensure(dir).toString());
        env.put("PT_LOG_ORIGIN", "test.prooftrail.test/log");
        try (Node node = Node.start(Settings.of(env), EnumSet.of(Role.API))) {
            // lookups of codes nobody registered: each runs on the lookups pool and answers 404
            for (String gtin : List.of("09506000134352", "04012345111118", "04098765222221")) {
                assertEquals(404, get(node, "/01/" + gtin + "/10/LOT-" + gtin + "/21/S" + gtin).statusCode());
            }
            assertEquals(404, get(node, "/no/such/path-7f3a9c").statusCode());
            assertEquals(200, get(node, "/health/live").statusCode());

            String metrics = get(node, "/metrics").body();
            // the route label is the matched routes' templates, joined by '>' (here the resolver's guard, then the operation)
            String item = "route=\"[^\"]*/01/:gtin/10/:lot/21/:serial\"";
            assertEquals(3, sample(metrics, "vertx_http_server_response_time_seconds_bucket", item, "code=\"404\"", "le=\"\\+Inf\""),
                    "three item lookups in one series");
            assertTrue(sample(metrics, "vertx_http_server_response_time_seconds_bucket", item, "le=\"0\\.1\"") >= 0);
            assertEquals(3, sample(metrics, "vertx_http_server_requests_total", item, "code=\"404\"", "method=\"GET\""));
            assertTrue(sample(metrics, "vertx_http_server_requests_total", "route=\"/health/live\"", "code=\"200\"") >= 1);
            assertTrue(sample(metrics, "vertx_pool_queue_time_seconds_count", "pool_name=\"pt-api-lookups\"",
                    "pool_type=\"worker\"") >= 3, "every lookup queued on the lookups pool");
            sample(metrics, "vertx_pool_queue_time_seconds_bucket", "pool_name=\"pt-api-lookups\"", "le=\"0\\.01\"");
            sample(metrics, "vertx_pool_queue_pending", "pool_name=\"pt-api-bulk\"");
            sample(metrics, "vertx_pool_usage_seconds_count", "pool_name=\"pt-api-queries\"");
            // bounded labels: templates only, never a raw path, a code or a client address
            for (String raw : List.of("path-7f3a9c", "09506000134352", "LOT-", "127.0.0.1")) {
                assertFalse(metrics.contains(raw), raw + " in a label:\n" + metrics);
            }
        }
    }
}
