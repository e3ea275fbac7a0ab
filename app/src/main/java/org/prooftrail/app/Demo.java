package org.prooftrail.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.prooftrail.store.Databases;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.sim.scenario.Scenario;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.epcis.EpcisSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.embedded.EmbeddedBroker;
import org.prooftrail.embedded.EmbeddedDatabase;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.sim.DemoFleet;
import org.prooftrail.sim.DemoSimulation;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.scenario.DrugColdChain;
import org.prooftrail.store.registry.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one set-up: embedded PostgreSQL and MQTT broker with their data under {@code home},
 * and a node running every role against them. Closing stops the roles before the services they
 * write to, so nothing acknowledged is lost.
 */
public final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    /** The demo log's name; real deployments name theirs after their domain. */
    public static final String ORIGIN = "demo.prooftrail.local/log";
    /** The database the demo creates on its embedded server. */
    static final String DATABASE = "prooftrail";

    /** Ports; 0 lets the system pick (tests). */
    public record Ports(int http, int mqtt, int db) {
    }

    private final Path home;
    private final EmbeddedDatabase db;
    private final EmbeddedBroker broker;
    private final Node node;
    private final WitnessNode witness;
    private DemoSimulation simulation;
    private DemoPack pack;
    private List<Scenario.Outcome> scenarios = List.of();
    private List<DemoAccounts.DemoAccount> accounts = List.of();

    private Demo(Path home, EmbeddedDatabase db, EmbeddedBroker broker, WitnessNode witness, Node node) {
        this.home = home;
        this.db = db;
        this.broker = broker;
        this.witness = witness;
        this.node = node;
    }

    /** Starts everything and, when {@code simulate}, the demo fleet sending readings. */
    public static Demo start(Path home, Ports ports, Settings base, boolean simulate) throws Exception {
        Demo demo = start(home, ports, base);
        try {
            if (simulate) {
                demo.scenarios = DemoScenarios.runOnFirstStart(demo, home.resolve("keys").resolve("jwt-secret"));
                // a pack with a full journey (events, truck readings, anchored) for the consumer page
                demo.pack = DemoPack.find(demo.node.database().dataSource()).orElse(null);
                List<SimDevice> fleet = DemoFleet.register(demo.node.database().dataSource(),
                        home.resolve("keys"));
                demo.simulation = new DemoSimulation(new MqttPublisher(demo.mqttUrl(), "prooftrail-demo-sim", 100), fleet,
                        DemoFleet.STEADY).start();
            }
            // the company account belongs to the pack's maker, which the scenario registers (not without it)
            javax.sql.DataSource data = demo.node.database().dataSource();
            String maker = new Organisations(data).exists(DrugColdChain.MAKER) ? DrugColdChain.MAKER : null;
            demo.accounts = DemoAccounts.ensure(data, home.resolve("keys"), maker);
        } catch (Exception e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    public static Demo start(Path home, Ports ports, Settings base) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(home.resolve("postgres"), ports.db(), true);
        EmbeddedBroker broker = null;
        WitnessNode witness = null;
        try {
            broker = EmbeddedBroker.start(home.resolve("mqtt"), ports.mqtt());
            DatabaseSettings dbSettings = Databases.createIfMissing(db.adminSettings(8), DATABASE);
            Path logKey = DemoLogKey.ensure(home.resolve("keys"));
            Path jwtSecret = DemoSecrets.ensureJwtSecret(home.resolve("keys"));
            Path apiKey = DemoSecrets.ensureApiSigningKey(home.resolve("keys"));
            Map<String, String> resolver = ports.http() == 0 ? Map.of()  // tests: links follow the request's host
                    : Map.of("PT_RESOLVER_BASE_URL", "http://127.0.0.1:" + ports.http());
            Settings settings = base.with(resolver).with(Map.of(
                    AuthSettings.SECRET_FILE, jwtSecret.toString(),
                    EpcisSettings.SIGNING_KEY_FILE, apiKey.toString(),
                    AnchorSettings.KEY_FILE, logKey.toString(),
                    AnchorSettings.ORIGIN, ORIGIN,
                    DatabaseSettings.URL, dbSettings.url(),
                    DatabaseSettings.USER, dbSettings.user(),
                    MqttSettings.URL, broker.url(),
                    ApiSettings.PORT, Integer.toString(ports.http()),
                    ApiSettings.HOST, "127.0.0.1"));
            // One witness in the process, the "demo regulator", with quorum 1: every published checkpoint,
            // and so every demo proof, carries a cosignature, as a consortium's would.
            witness = DemoWitness.start(home, ORIGIN, logKey);
            DemoPolicy.write(home.resolve("keys"), new LogKey(ORIGIN, KeyFiles.readPrivate(logKey).verifyingKey()),
                    witness.witness().id());
            settings = settings.with(Map.of(
                    Witnesses.LIST, "http://127.0.0.1:" + witness.httpPort() + " " + witness.witness().id().vkey().encode()
                            + " " + DemoWitness.DISPLAY_NAME,
                    Witnesses.QUORUM, "1"));
            Node node = Node.start(settings, EnumSet.of(Role.ALL));
            return new Demo(home, db, broker, witness, node);
        } catch (Exception e) {
            if (witness != null) {
                witness.close();
            }
            if (broker != null) {
                broker.close();
            }
            db.close();
            throw e;
        }
    }

    /** The demo's trust policy: its log key, its witness and quorum 1 ({@link DemoPolicy}). */
    public Path policy() {
        return home.resolve("keys").resolve("policy.txt");
    }

    public Path home() {
        return home;
    }

    public Node node() {
        return node;
    }

    public String httpBase() {
        return "http://127.0.0.1:" + node.httpPort();
    }

    /** The demo pack's journey, or null when the demo runs without its simulation. */
    public DemoPack pack() {
        return pack;
    }

    /** What the simulator's scenarios made on this start (empty on later starts). */
    public List<Scenario.Outcome> scenarios() {
        return scenarios;
    }

    /** The console accounts to sign in with and their passwords ({@link DemoAccounts}). */
    List<DemoAccounts.DemoAccount> accounts() {
        return accounts;
    }

    public String mqttUrl() {
        return broker.url();
    }

    public DatabaseSettings databaseSettings() {
        return db.adminSettings(4).onDatabase(DATABASE);
    }

    @Override
    public void close() {
        if (simulation != null) {
            simulation.close();
        }
        long t0 = System.nanoTime();
        node.close();
        witness.close();
        long t1 = System.nanoTime();
        broker.close();
        long t2 = System.nanoTime();
        try {
            db.close();
        } catch (IOException e) {
            LOG.warn("stopping PostgreSQL: {}", e.getMessage());
        }
        LOG.info("stopped roles in {} ms, broker in {} ms, PostgreSQL in {} ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }
}
