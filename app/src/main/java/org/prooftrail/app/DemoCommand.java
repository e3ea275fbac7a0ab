package org.prooftrail.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.core.config.Settings;
import org.prooftrail.store.log.ProofReads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything on one machine in one JVM. The default ports stay clear of a system Mosquitto (1883)
 * and PostgreSQL (5432); the data stays under the home folder across restarts.
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
        Demo demo = Demo.start(home, new Demo.Ports(httpPort, mqttPort, dbPort), Settings.fromEnvironment(), !noSim);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("prooftrail demo stopping...");
            demo.close();
            System.out.println("prooftrail demo stopped; data kept in " + home);
            stopped.countDown();
        }, "pt-demo-shutdown"));

        String base = demo.httpBase();
        System.out.printf("""

                ProofTrail demo is running (started in %.1f s). Data: %s
                  Readiness   %s/health/ready
                  Metrics     %s/metrics
                  MQTT        %s  (topics pt/v1/{org}/{device}/readings|events)
                  PostgreSQL  %s  (user postgres)
                  Checkpoint  %s/v1/log/checkpoint  (log key %s)
                Press Ctrl-C to stop.

                """, (System.nanoTime() - started) / 1e9, home, base, base, demo.mqttUrl(),
                demo.databaseSettings().displayUrl(), base, home.resolve("keys").resolve("log.pub.pem"));
        if (!noSim) {
            announceColdChain(demo);
            announceFirstProof(demo);
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** The demo pack's page and tokens to try the company and regulator APIs with. */
    private void announceColdChain(Demo demo) throws Exception {
        DemoPack pack = demo.pack();
        if (pack == null) {
            return;
        }
        String base = demo.httpBase();
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            TokenIssuer tokens = new TokenIssuer(vertx, AuthSettings.from(Settings.of(Map.of(
                    AuthSettings.SECRET_FILE, home.resolve("keys").resolve("jwt-secret").toString()))));
            String company = tokens.issue("demo-user", ApiRole.COMPANY, pack.maker(), Duration.ofHours(8));
            String regulator = tokens.issue("demo-regulator", ApiRole.REGULATOR, null, Duration.ofHours(8));
            System.out.printf("""
                    A vaccine pack with its whole journey (open in a browser; JSON with Accept: application/json):
                      %s%s
                      %s/cn/%s  (its China drug traceability code)
                    Tokens for 8 hours (more: ./prooftrail token --role company|regulator|admin):
                      company %s:  %s
                      regulator:  %s
                      e.g. curl -H "Authorization: Bearer <regulator token>" '%s/v1/trace/%s?direction=forward'
                           curl -H "Authorization: Bearer <regulator token>" %s/v1/excursions
                    API reference: %s/docs, %s/openapi.yaml and docs/api.md
                    """, base, pack.itemPath(), base, pack.chinaCode(), pack.maker(), company, regulator,
                    base, java.net.URLEncoder.encode(pack.gtin() + "/" + pack.lot(), java.nio.charset.StandardCharsets.UTF_8),
                    base, base, base);
            for (org.prooftrail.sim.scenario.Scenario.Outcome o : demo.scenarios()) {
                System.out.printf("Simulated %s (%d signed envelopes over MQTT):%n", o.scenario(), o.envelopes());
                o.itemPaths().forEach(p -> System.out.println("  item page   " + base + p));
                o.tracePaths().forEach(p -> System.out.println("  regulator   " + base + p));
            }
            System.out.println();
        } finally {
            vertx.close().await(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Once the first simulated reading is in a signed checkpoint, shows where its proof is and how to check it. */
    private void announceFirstProof(Demo demo) {
        Thread t = new Thread(() -> {
            long until = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < until) {
                try {
                    java.util.Optional<ProofReads.EnvelopeKey> newest = ProofReads.newestAnchored(demo.node().database().dataSource());
                    if (newest.isPresent()) {
                        String url = demo.httpBase() + "/v1/proofs/" + newest.get().deviceId() + "/" + newest.get().seq();
                        System.out.printf("Proof of a stored reading: %s%n  check it: ./prooftrail verify %s --log-key %s%n%n",
                                url, url, home.resolve("keys").resolve("log.pub.pem"));
                        return;
                    }
                    Thread.sleep(500);
                } catch (java.sql.SQLException e) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pt-demo-announce");
        t.setDaemon(true);
        t.start();
    }
}
