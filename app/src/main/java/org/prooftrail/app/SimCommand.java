package org.prooftrail.app;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.load.ApiRegistrar;
import org.prooftrail.sim.load.DatabaseRegistrar;
import org.prooftrail.sim.load.LoadPlan;
import org.prooftrail.sim.load.LoadResult;
import org.prooftrail.sim.load.LoadRun;
import org.prooftrail.sim.load.LoadSummary;
import org.prooftrail.sim.load.Registrar;
import org.prooftrail.sim.load.StoreReport;
import org.prooftrail.sim.scenario.Scenario;
import org.prooftrail.sim.scenario.ScenarioApi;
import org.prooftrail.sim.scenario.ScenarioRun;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load mode of the simulator: many devices publishing signed readings at an offered rate, faults
 * mixed in, then a summary of achieved rates, latencies, and injected faults against the
 * rejections ingest stored. Defaults point at a running {@code prooftrail demo}.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate devices publishing signed readings over MQTT (load mode) and report what was stored.")
final class SimCommand implements Callable<Integer> {
    @Option(names = "--scenario", defaultValue = "load",
            description = "load, drug-cold-chain or farm-to-shelf (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--packs", defaultValue = "24", description = "packs a scenario issues and follows (default: ${DEFAULT-VALUE})")
    int packs;

    @Option(names = "--org", defaultValue = "sim", description = "organisation of the simulated devices (default: ${DEFAULT-VALUE})")
    String org;

    @Option(names = "--devices", defaultValue = "100", description = "devices (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--readings-per-envelope", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    int readingsPerEnvelope;

    @Option(names = "--rate", defaultValue = "500", description = "envelopes per second offered, 0 for as fast as acknowledged (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", description = "how long to publish, e.g. 30s, 5m (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--algs", defaultValue = "EdDSA:1,ES256:1,SM2SM3:1", description = "algorithm mix with weights (default: ${DEFAULT-VALUE})")
    String algorithms;

    @Option(names = "--excursion-probability", defaultValue = "0.01", description = "chance a reading is outside 2-8 °C (default: ${DEFAULT-VALUE})")
    double excursionProbability;

    @Option(names = "--faults", defaultValue = "none",
            description = "faults per envelope, e.g. bad-signature=0.01,replay=0.01,malformed-json=0.01,oversized=0.005,clock-skew=0.01 (default: ${DEFAULT-VALUE})")
    String faults;

    @Option(names = "--oversize-bytes", defaultValue = "300000", description = "size of an oversized fault; above ingest's limit (default: ${DEFAULT-VALUE})")
    int oversizeBytes;

    @Option(names = "--register", defaultValue = "api", description = "api (with tokens from the shared secret) or db (default: ${DEFAULT-VALUE})")
    String register;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080", description = "trace API base URL (default: ${DEFAULT-VALUE})")
    String api;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of readings and faults (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sd-jwt-events", description = "scenarios send their EPCIS events as SD-JWTs (RFC 9901) under the "
            + "default disclosure policy instead of plain JWS (docs/envelope.md, \"SD-JWT events\"); readings stay plain JWS")
    boolean sdJwtEvents;

    @Option(names = "--home", description = "the demo's folder, for its token secret when none is configured (default: ~/.prooftrail)")
    Path home = Path.of(System.getProperty("user.home"), ".prooftrail");

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.fromEnvironment();
        if (!scenario.equals("load")) {
            return runScenario(settings);
        }
        LoadPlan plan;
        try {
            plan = new LoadPlan(org, devices, readingsPerEnvelope, rate,
                    Settings.of(Map.of("--duration", duration)).duration("--duration", Duration.ofSeconds(30)),
                    LoadPlan.parseAlgorithms(algorithms), excursionProbability, LoadPlan.parseFaults(faults), oversizeBytes);
        } catch (IllegalArgumentException | ConfigException e) {
            System.err.println("sim: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (!register.equals("api") && !register.equals("db")) {
            System.err.println("sim: --register must be api or db, got '" + register + "'");
            return ExitCodes.CONFIG;
        }
        String mqttUrl = settings.string(MqttSettings.URL, "tcp://127.0.0.1:11883");
        Settings dbSource = settings.optional(DatabaseSettings.URL).isPresent() ? settings
                : settings.with(Map.of(DatabaseSettings.URL, "jdbc:postgresql://127.0.0.1:15432/prooftrail"));
        try (Database db = Database.open(DatabaseSettings.from(dbSource))) {
            LoadRun run = new LoadRun(plan, seed);
            List<SimDevice> fleet = run.devices(Long.toString(System.currentTimeMillis(), 36));
            registrar(db, settings).register(plan.org(), "Simulated organisation " + plan.org(), fleet);
            System.out.printf("sim: %d devices registered (%s); publishing to %s%n", fleet.size(), register, mqttUrl);
            LoadResult result;
            try (MqttPublisher publisher = new MqttPublisher(mqttUrl, "prooftrail-sim-" + plan.org() + "-" + ProcessHandle.current().pid(), 1000)) {
                result = run.run(fleet, publisher);
            }
            StoreReport store = StoreReport.read(db.dataSource(), result, Duration.ofSeconds(60));
            String summary = LoadSummary.format(result, store);
            System.out.print(summary);
            return summary.contains("MISMATCH") || result.failed() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }

    /** A named supply chain through the API and MQTT; prints what to open, checks everything was stored. */
    private int runScenario(Settings settings) throws Exception {
        Scenario chosen;
        try {
            chosen = Scenario.named(scenario, packs, excursionProbability).orElse(null);
        } catch (IllegalArgumentException e) {
            System.err.println("sim: " + e.getMessage());
            return ExitCodes.CONFIG;
        }
        if (chosen == null) {
            System.err.println("sim: --scenario must be load, drug-cold-chain or farm-to-shelf, got '" + scenario + "'");
            return ExitCodes.CONFIG;
        }
        Tokens tokens = tokens(settings);
        String mqttUrl = settings.string(MqttSettings.URL, "tcp://127.0.0.1:11883");
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Scenario.Outcome outcome;
        ScenarioRun run;
        try (MqttPublisher publisher = new MqttPublisher(mqttUrl, "prooftrail-sim-" + runId, 1000)) {
            run = new ScenarioRun(new ScenarioApi(api, tokens.admin(), tokens::company), publisher, runId)
                    .sdJwtEvents(sdJwtEvents ? EpcisDisclosurePolicy.defaults() : null);
            outcome = chosen.run(run);
        }
        System.out.printf("sim: %s run %s sent %d signed envelopes over %s%n", outcome.scenario(), runId,
                outcome.envelopes(), mqttUrl);
        outcome.itemPaths().forEach(p -> System.out.println("  item page   " + api + p));
        outcome.tracePaths().forEach(p -> System.out.println("  regulator   " + api + p));
        return ExitCodes.OK;
    }

    private record Tokens(TokenIssuer issuer, String admin) {
        String company(String org) {
            return issuer.issue("prooftrail-sim", ApiRole.COMPANY, org, Duration.ofHours(1));
        }
    }

    private Tokens tokens(Settings settings) {
        Settings withSecret = settings;
        if (settings.optional(AuthSettings.SECRET).isEmpty() && settings.optional(AuthSettings.SECRET_FILE).isEmpty()) {
            Path demoSecret = home.resolve("keys").resolve("jwt-secret");
            if (!Files.exists(demoSecret)) {
                throw new ConfigException(AuthSettings.SECRET_FILE, "the simulator registers through the API and needs"
                        + " the token secret; no demo secret at " + demoSecret);
            }
            withSecret = settings.with(Map.of(AuthSettings.SECRET_FILE, demoSecret.toString()));
        }
        // the issuer's Vert.x instance lives as long as the command; it only signs tokens
        TokenIssuer issuer = new TokenIssuer(Vertx.vertx(), AuthSettings.from(withSecret));
        return new Tokens(issuer, issuer.issue("prooftrail-sim", ApiRole.ADMIN, null, Duration.ofHours(1)));
    }

    private Registrar registrar(Database db, Settings settings) throws Exception {
        if (register.equals("db")) {
            return new DatabaseRegistrar(db.dataSource());
        }
        Tokens tokens = tokens(settings);
        return new ApiRegistrar(api, tokens.admin(), tokens::company);
    }
}
