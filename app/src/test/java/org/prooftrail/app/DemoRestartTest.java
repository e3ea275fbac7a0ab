package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.storage.DatabaseSettings;

class DemoRestartTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void sql(DatabaseSettings db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static int count(DatabaseSettings db, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void demoIsReadyAndKeepsItsDataAcrossARestart(@TempDir Path home) throws Exception {
        Demo.Ports ports = new Demo.Ports(0, 0, 0);
        Settings none = Settings.of(Map.of());
        try (Demo demo = Demo.start(home, ports, none)) {
            assertEquals(200, status(demo.httpBase() + "/health/live"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> status(demo.httpBase() + "/health/ready") == 200);
            sql(demo.databaseSettings(), "INSERT INTO organisation (id, name) VALUES ('acme-pharma', 'Acme Pharma')");
        }
        try (Demo demo = Demo.start(home, ports, none)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> status(demo.httpBase() + "/health/ready") == 200);
            assertEquals(1, count(demo.databaseSettings(), "SELECT count(*) FROM organisation WHERE id = 'acme-pharma'"),
                    "the organisation written before the restart is still there");
        }
    }
}
