package org.prooftrail.app;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.embedded.EmbeddedBroker;
import org.prooftrail.core.embedded.EmbeddedDatabase;
import org.prooftrail.core.storage.DatabaseSettings;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.api.ApiSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything on one machine in one JVM: an embedded PostgreSQL and MQTT 5 broker whose data stays
 * under the home folder, every role, and a small device simulation. The default ports stay clear
 * of a system Mosquitto (1883) and PostgreSQL (5432).
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start ProofTrail with embedded PostgreSQL and MQTT, all roles and simulated devices.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--home", description = "where the demo keeps its data (default: ~/.prooftrail)")
    Path home = Path.of(System.getProperty("user.home"), ".prooftrail");

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--mqtt-port", defaultValue = "11883", description = "embedded MQTT port (default: ${DEFAULT-VALUE})")
    int mqttPort;

    @Option(names = "--db-port", defaultValue = "15432", description = "embedded PostgreSQL port (default: ${DEFAULT-VALUE})")
    int dbPort;

    @Option(names = "--no-sim", description = "do not start the built-in device simulation")
    boolean noSim;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        EmbeddedDatabase db = EmbeddedDatabase.start(home.resolve("postgres"), dbPort, true, "prooftrail");
        EmbeddedBroker broker;
        try {
            broker = EmbeddedBroker.start(home.resolve("mqtt"), mqttPort);
        } catch (Exception e) {
            db.close();
            throw e;
        }
        DatabaseSettings dbSettings = db.settings(8);
        Settings settings = Settings.fromEnvironment().with(Map.of(
                DatabaseSettings.URL, dbSettings.url(),
                DatabaseSettings.USER, dbSettings.user(),
                MqttSettings.URL, broker.url(),
                ApiSettings.PORT, Integer.toString(httpPort),
                ApiSettings.HOST, "127.0.0.1"));
        Node node;
        try {
            node = Node.start(settings, EnumSet.of(Role.ALL));
        } catch (Exception e) {
            broker.close();
            db.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("prooftrail demo stopping...");
            long t0 = System.nanoTime();
            node.close();
            long t1 = System.nanoTime();
            broker.close();
            long t2 = System.nanoTime();
            try {
                db.close();
                System.out.printf("stopped roles in %d ms, broker in %d ms, PostgreSQL in %d ms%n",
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e.getMessage());
            }
            System.out.println("prooftrail demo stopped; data kept in " + home);
            stopped.countDown();
        }, "pt-demo-shutdown"));

        String base = "http://127.0.0.1:" + node.httpPort();
        System.out.printf("""

                ProofTrail demo is running (started in %.1f s). Data: %s
                  Readiness   %s/health/ready
                  Metrics     %s/metrics
                  MQTT        %s  (topics pt/v1/{org}/{device}/readings|events)
                  PostgreSQL  %s  (user postgres)
                Press Ctrl-C to stop.

                """, (System.nanoTime() - started) / 1e9, home, base, base, broker.url(), dbSettings.displayUrl());
        stopped.await();
        return ExitCodes.OK;
    }
}
