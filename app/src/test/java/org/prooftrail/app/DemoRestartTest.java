package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.core.config.Settings;
import org.prooftrail.store.accounts.Account;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

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

    /**
     * One console account per role, the company's of the pack's maker, each with the printed password, kept
     * owner-only next to the demo's other secrets; returns username to password.
     */
    private static Map<String, String> assertDemoAccountsSignIn(Demo demo) throws Exception {
        List<DemoAccounts.DemoAccount> printed = demo.accounts();
        assertEquals(List.of("company", "regulator", "admin"), printed.stream().map(DemoAccounts.DemoAccount::role).toList());
        assertEquals(demo.pack().maker(), printed.get(0).org());
        Path file = demo.home().resolve("keys").resolve(DemoAccounts.FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        Map<String, String> passwords = new java.util.LinkedHashMap<>();
        try (Database database = Database.open(demo.databaseSettings())) {
            Accounts accounts = new Accounts(database.dataSource());
            for (DemoAccounts.DemoAccount a : printed) {
                Account stored = accounts.find(a.username()).orElseThrow();
                assertEquals(a.role(), stored.role());
                assertEquals(a.org(), stored.org());
                assertTrue(PasswordHashing.verify(a.password().toCharArray(), stored.passwordHash()), a.username());
                assertTrue(Files.readString(file).contains(a.username() + " " + a.password()));
                passwords.put(a.username(), a.password());
            }
        }
        return passwords;
    }

    @Test
    void demoIsReadyStoresWhatIsPublishedAndKeepsItsDataAcrossARestart(@TempDir Path home) throws Exception {
        Demo.Ports ports = new Demo.Ports(0, 0, 0);
        Settings none = Settings.of(Map.of());
        long storedBeforeRestart;
        Map<String, String> firstPasswords;
        try (Demo demo = Demo.start(home, ports, none, true)) {
            assertEquals(200, status(demo.httpBase() + "/health/live"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> status(demo.httpBase() + "/health/ready") == 200);

            // A real MQTT 5 publish through the embedded broker (Paho v5), read back from the
            // embedded PostgreSQL: both embedded services are the real thing, end to end.
            DatabaseSettings db = demo.databaseSettings();
            try (Database database = Database.open(db)) {
                DeviceRegistry registry = new DeviceRegistry(database.dataSource());
                Organisations orgs = new Organisations(database.dataSource());
                orgs.ensure("acme-pharma", "Acme Pharma");
                registry.registerDevice("acme-pharma", "probe-1", "sensor");
                SimDevice probe = new SimDevice("acme-pharma", "probe-1", SignatureAlgorithm.EdDSA, 1);
                registry.addKey("probe-1", probe.kid(), "EdDSA", probe.publicKeyPem());
                try (MqttPublisher pub = new MqttPublisher(demo.mqttUrl(), "demo-test-pub", 10)) {
                    pub.publish(probe.readingsTopic(), probe.readings(Instant.parse("2026-11-25T10:00:00Z"), 4.2))
                            .get(10, TimeUnit.SECONDS);
                }
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(db,
                    "SELECT count(*) FROM reading WHERE device_id = 'probe-1' AND temperature_c = 4.2") == 1);
            // and the built-in simulation is flowing too
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(db,
                    "SELECT count(DISTINCT device_id) FROM envelope WHERE device_id IN "
                            + "('cold-room-1', 'reefer-truck-7', 'field-sensor-3')") == 3);
            // the demo pack's page answers, and both simulator scenarios ran through the API and MQTT
            assertEquals(200, status(demo.httpBase() + demo.pack().itemPath()));
            assertEquals(2, demo.scenarios().size());
            for (org.prooftrail.sim.scenario.Scenario.Outcome o : demo.scenarios()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> status(demo.httpBase() + o.itemPaths().get(0)) == 200);
            }
            storedBeforeRestart = count(db, "SELECT count(*) FROM envelope");
            firstPasswords = assertDemoAccountsSignIn(demo);
            // a password changed behind the demo's back is set back to the printed one on the next start
            try (Database database = Database.open(db)) {
                new Accounts(database.dataSource()).setPassword(DemoAccounts.ADMIN,
                        PasswordHashing.hash("changed elsewhere".toCharArray()));
            }
        }
        try (Demo demo = Demo.start(home, ports, none, true)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> status(demo.httpBase() + "/health/ready") == 200);
            DatabaseSettings db = demo.databaseSettings();
            assertEquals(1, count(db, "SELECT count(*) FROM envelope WHERE device_id = 'probe-1'"),
                    "the envelope stored before the restart is still there");
            assertTrue(demo.scenarios().isEmpty(), "the scenarios ran once, on the first start");
            assertEquals(200, status(demo.httpBase() + demo.pack().itemPath()), "the demo pack is found again");
            // the fleet signs with the keys it registered before and keeps going
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(db, "SELECT count(*) FROM envelope") > storedBeforeRestart + 3);
            assertEquals(0, count(db, "SELECT count(*) FROM rejected_message"), "nothing the demo sends is refused");
            assertEquals(firstPasswords, assertDemoAccountsSignIn(demo), "the demo accounts keep their passwords");
        }
    }
}
