package org.prooftrail.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prooftrail.core.config.Settings;
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
        System.out.printf("%nProofTrail demo is running (started in %.1f s). Data: %s%n",
                (System.nanoTime() - started) / 1e9, home);
        DemoLinks.service(base).forEach(DemoCommand::print);
        System.out.printf("""
                  Log key     %s
                  MQTT        %s  (topics pt/v1/{org}/{device}/readings|events)
                  PostgreSQL  %s  (user postgres)
                Press Ctrl-C to stop.

                """, home.resolve("keys").resolve("log.pub.pem"), demo.mqttUrl(), demo.databaseSettings().displayUrl());
        if (!noSim) {
            announceColdChain(demo);
            announceFirstProof(demo);
        } else {
            announceConsole(demo);
            System.out.println();
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** One printed link; those needing a token say which. */
    private static void print(DemoLinks.Link link) {
        System.out.printf("  %-12s%s%s%n", link.label(), link.url(), link.access() == DemoLinks.Access.PUBLIC ? ""
                : "  (" + link.access().name().toLowerCase(java.util.Locale.ROOT) + " token)");
    }

    /** The demo pack's pages, the scenarios' pages and tokens to try the company and regulator APIs with. */
    private void announceColdChain(Demo demo) throws Exception {
        DemoPack pack = demo.pack();
        if (pack == null) {
            announceConsole(demo);
            return;
        }
        String base = demo.httpBase();
        DemoLinks.Tokens tokens = DemoLinks.tokens(home, pack.maker());
        System.out.printf("""
                Tokens for %d hours (more: ./prooftrail token --role company|regulator|admin):
                  company %s:  %s
                  regulator:  %s
                """, DemoLinks.TOKEN_TTL.toHours(), tokens.companyOrg(), tokens.company(), tokens.regulator());
        announceConsole(demo);
        System.out.print("""
                Links marked "token" need it: curl -H "Authorization: Bearer <token>" '<link>'
                A vaccine pack with its whole journey (open in a browser; JSON with Accept: application/json),
                its lot traced by a regulator, and the API reference (also docs/api.md):
                """);
        DemoLinks.pack(base, pack).forEach(DemoCommand::print);
        for (org.prooftrail.sim.scenario.Scenario.Outcome o : demo.scenarios()) {
            System.out.printf("Simulated %s (%d signed envelopes over MQTT):%n", o.scenario(), o.envelopes());
            DemoLinks.scenario(base, o).forEach(DemoCommand::print);
        }
        System.out.println();
    }

    /** The web console and its demo accounts, one per role (more: ./prooftrail account add). */
    private static void announceConsole(Demo demo) {
        System.out.printf("Console     %s/console/%n", demo.httpBase());
        for (DemoAccounts.DemoAccount a : demo.accounts()) {
            System.out.printf("  %s%s: %s / %s%n", a.role(), a.org() == null ? "" : " " + a.org(), a.username(),
                    a.password());
        }
    }

    /** Once the first simulated reading is in a signed checkpoint, shows where its proof is and how to check it. */
    private void announceFirstProof(Demo demo) {
        Thread t = new Thread(() -> {
            long until = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < until) {
                try {
                    java.util.Optional<DemoLinks.Link> proof = DemoLinks.proof(demo);
                    if (proof.isPresent()) {
                        String url = proof.get().url();
                        System.out.printf("%s: %s%n  check it: ./prooftrail verify %s --policy %s%n%n",
                                proof.get().label(), url, url, demo.policy());
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
