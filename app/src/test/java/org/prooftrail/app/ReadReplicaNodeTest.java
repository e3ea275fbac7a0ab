package org.prooftrail.app;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.embedded.testing.HotStandby;
import org.prooftrail.embedded.testing.TestServices;

/**
 * {@code serve --role api} with {@code PT_DB_READ_URL} naming a real hot standby: readiness checks the
 * replicas, and while the standby's replay is paused, goods registered and recorded on the primary are
 * still found (asked of the primary) and their evidence is current (read on the primary after
 * {@code PT_DB_READ_WAIT}, counted in {@code pt_db_reads_on_primary}).
 */
class ReadReplicaNodeTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private static HttpResponse<String> get(Node node, String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("accept", accept).timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiReadsTheStandbyAndAsksThePrimaryWhatTheStandbyLacks() throws Exception {
        DatabaseSettings db = TestServices.freshDatabase();
        try (HotStandby standby = HotStandby.of(db)) {
            Map<String, String> env = new HashMap<>();
            env.put("PT_DB_URL", db.url());
            env.put("PT_DB_USER", db.user());
            env.put("PT_DB_READ_URL", standby.like(db).url());
            env.put("PT_DB_READ_WAIT", "100ms");
            env.put("PT_HTTP_PORT", "0");
            env.put("PT_HTTP_HOST", "127.0.0.1");
            env.put("PT_LOG_KEY_FILE", DemoLogKey.ensure(dir).toString());
            env.put("PT_LOG_ORIGIN", "test.prooftrail.test/log");
            try (Node node = Node.start(Settings.of(env), EnumSet.of(Role.API))) {
                standby.catchUp(); // the schema the node migrated
                HttpResponse<String> ready = get(node, "/health/ready", "application/json");
                assertEquals(200, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("read replicas"), ready.body());

                standby.pauseReplay(true);
                try {
                    String base = "http://127.0.0.1:" + node.httpPort();
                    ColdChainFixture.Stored goods = ColdChainFixture.store(node.database().dataSource(), base, "sha256",
                            Duration.ofHours(12), ColdChainFixture.Gap.NONE);
                    HttpResponse<String> lookup = get(node, goods.itemPath(0), "application/json");
                    assertEquals(200, lookup.statusCode(), "registered on the primary a moment ago: " + lookup.body());
                    assertTrue(lookup.body().contains("commissioning"), lookup.body());
                    HttpResponse<String> evidence = get(node, "/v1/evidence" + goods.itemPath(0), "application/json");
                    assertEquals(200, evidence.statusCode(), evidence.body());
                    assertTrue(onPrimary(get(node, "/metrics", "text/plain").body()) >= 1,
                            "the evidence was read on the primary: the standby had not replayed it");
                    assertEquals(404, get(node, "/01/09506000134352/10/NOLOT/21/NOSERIAL", "application/json").statusCode());
                } finally {
                    standby.pauseReplay(false);
                }
            }
        }
    }

    private static double onPrimary(String metrics) {
        Matcher m = Pattern.compile("(?m)^pt_db_reads_on_primary_total(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
