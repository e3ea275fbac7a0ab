package org.prooftrail.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.LogCapture;
import org.prooftrail.core.config.DatabaseSettings;

/**
 * Server failures, caused for real in the database behind the API: each answers with one status for one
 * kind of failure (500 for our fault, 503 when the database is away), a problem body and a header that
 * carry the same correlation id, and exactly one log line at WARN or above that carries it too.
 */
class ServerFailuresTest {
    /** Public and token operations on every route family that reads the database. */
    private static final List<String> PATHS = List.of("/v1/log/checkpoint", "/v1/log/consistency?first=1&second=2",
            "/v1/proofs/dev-1/1", "/01/09506000134352",
            "/v1/orgs", "/v1/products/09506000134352", "/v1/trace/09506000134352%2FL1", "/v1/excursions",
            "/v1/audit", "/epcis/events", "/epcis/events/urn:uuid:1", "/epcis/capture/abc");

    private Vertx vertx;
    private ApiHarness api;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void ourOwnFailuresAre500sEachLoggedOnceWithTheIdTheProblemCarries() throws Exception {
        // Every table is suddenly elsewhere: each query fails with "relation does not exist", a bug of ours.
        admin("ALTER SCHEMA public RENAME TO moved_away");
        try {
            List<String> bad = new ArrayList<>();
            for (String path : PATHS) {
                String problem = check(path, 500);
                if (problem != null) {
                    bad.add(problem);
                }
            }
            assertEquals(List.of(), bad);
        } finally {
            admin("ALTER SCHEMA moved_away RENAME TO public");
        }
    }

    @Test
    void aDatabaseThatIsAwayIsA503WithRetryAfterLoggedOnce() throws Exception {
        String name = database();
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
        try {
            String problem = check("/v1/log/checkpoint", 503);
            assertEquals(null, problem);
        } finally {
            admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
    }

    /** Null when the answer to {@code path} is as it should be, else what was wrong. */
    private String check(String path, int status) throws Exception {
        try (LogCapture logs = new LogCapture()) {
            HttpResponse<Buffer> r = api.request(HttpMethod.GET, path, api.token(ApiRole.REGULATOR, null)).send()
                    .await(30, TimeUnit.SECONDS);
            String what = path + ": " + r.statusCode() + " " + r.bodyAsString();
            if (r.statusCode() != status || !"application/problem+json".equals(r.getHeader("content-type"))) {
                return what;
            }
            JsonObject body = r.bodyAsJsonObject();
            String id = r.getHeader(Problems.CORRELATION_HEADER);
            if (id == null || !id.equals(body.getString("correlationId"))
                    || !("urn:uuid:" + id).equals(body.getString("instance"))) {
                return what + " (header " + id + ")";
            }
            if (status == 503 && r.getHeader("retry-after") == null) {
                return what + " without retry-after";
            }
            List<ILoggingEvent> logged = logs.problems();
            if (logged.size() != 1 || !logged.get(0).getFormattedMessage().contains(id)) {
                return what + " logged " + logged.stream().map(ILoggingEvent::getFormattedMessage).toList();
            }
            return null;
        }
    }

    private String database() {
        String url = api.db().settings().url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(slash + 1, query < 0 ? url.length() : query);
    }

    /** A statement on the API's database (or about it), on a connection of its own. */
    private void admin(String sql) throws Exception {
        DatabaseSettings s = api.db().settings();
        String url = sql.startsWith("ALTER SCHEMA") ? s.url() : s.url().replace("/" + database(), "/postgres");
        try (Connection c = DriverManager.getConnection(url, s.user(), s.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
