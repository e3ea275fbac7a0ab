package org.prooftrail.embedded.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.prooftrail.embedded.EmbeddedBroker;
import org.prooftrail.embedded.EmbeddedDatabase;
import org.prooftrail.core.config.DatabaseSettings;

/**
 * The real services tests talk to. By default an embedded PostgreSQL and an embedded MQTT 5 broker,
 * started once per test JVM; when {@code PT_TEST_DB_URL} / {@code PT_TEST_MQTT_URL} are set, those
 * servers instead. Each test gets its own freshly created database, so tests never see each other's
 * rows, and the databases are dropped when the JVM exits.
 */
public final class TestServices {
    public static final String DB_URL = "PT_TEST_DB_URL";
    public static final String DB_USER = "PT_TEST_DB_USER";
    public static final String DB_PASSWORD = "PT_TEST_DB_PASSWORD";
    public static final String MQTT_URL = "PT_TEST_MQTT_URL";

    private static EmbeddedDatabase embeddedDb;
    private static EmbeddedBroker embeddedBroker;
    private static final List<String> CREATED = new ArrayList<>();
    private static boolean hookInstalled;

    private TestServices() {
    }

    /** A folder for this test run's files (embedded data, keys). */
    public static Path workDir() {
        String base = System.getenv("PT_TEST_WORK");
        Path dir = base != null ? Path.of(base) : Path.of(System.getProperty("java.io.tmpdir"), "pt-test");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker URL: the external one when PT_TEST_MQTT_URL is set, else the embedded broker. */
    public static synchronized String mqttUrl() {
        String external = System.getenv(MQTT_URL);
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (embeddedBroker == null) {
            try {
                embeddedBroker = EmbeddedBroker.start(workDir().resolve("mqtt-" + ProcessHandle.current().pid()), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedBroker broker = embeddedBroker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                try {
                    deleteTree(workDir().resolve("mqtt-" + ProcessHandle.current().pid()));
                } catch (IOException ignored) {
                    // throwaway folder
                }
            }));
        }
        return embeddedBroker.url();
    }

    public static boolean externalBroker() {
        String external = System.getenv(MQTT_URL);
        return external != null && !external.isBlank();
    }

    /** Ends a persistent MQTT session so the broker stops queueing for a finished test. Best effort. */
    public static void clearMqttSession(String clientId) {
        // Paho stays in a class of its own: tests without MQTT have no Paho on their classpath.
        MqttSessions.clear(mqttUrl(), clientId);
    }

    /** A new, empty database on the test server, dropped when the JVM exits. */
    public static synchronized DatabaseSettings freshDatabase() {
        DatabaseSettings admin = adminDatabase();
        String name = "pt_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin.displayUrl() + ": " + e.getMessage(), e);
        }
        CREATED.add(name);
        installDropHook(admin);
        int slash = admin.url().lastIndexOf('/');
        int query = admin.url().indexOf('?', slash);
        String url = admin.url().substring(0, slash + 1) + name + (query < 0 ? "" : admin.url().substring(query));
        return new DatabaseSettings(url, admin.user(), admin.password(), 8);
    }

    private static DatabaseSettings adminDatabase() {
        String external = System.getenv(DB_URL);
        if (external != null && !external.isBlank()) {
            String user = System.getenv().getOrDefault(DB_USER, System.getProperty("user.name"));
            return new DatabaseSettings(external, user, System.getenv().getOrDefault(DB_PASSWORD, ""), 2);
        }
        if (embeddedDb == null) {
            Path data = workDir().resolve("pg-" + ProcessHandle.current().pid());
            try {
                embeddedDb = EmbeddedDatabase.start(data, 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedDatabase db = embeddedDb;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.close();
                    deleteTree(data);
                } catch (IOException ignored) {
                    // the process is ending; the data folder is a throwaway
                }
            }));
        }
        return embeddedDb.adminSettings(2);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void installDropHook(DatabaseSettings admin) {
        if (hookInstalled || embeddedDb != null) {
            return; // an embedded server's whole data folder is thrown away
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                 Statement s = c.createStatement()) {
                for (String name : CREATED) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            } catch (SQLException ignored) {
                // best effort: a leftover test database is harmless
            }
        }));
    }
}
