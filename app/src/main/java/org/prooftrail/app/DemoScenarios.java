package org.prooftrail.app;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.scenario.Scenario;
import org.prooftrail.sim.scenario.ScenarioApi;
import org.prooftrail.sim.scenario.ScenarioRun;
import org.prooftrail.store.registry.Organisations;

/**
 * The simulator's two scenarios, played once through the demo's own API and broker on its first
 * start (a restarted demo keeps what they made), exactly as {@code prooftrail sim --scenario} does
 * against a server with {@code --sd-jwt-events}: their events go out as SD-JWTs under the default
 * disclosure policy, so what the demo shows anonymous callers is what a company signing that way shows.
 */
final class DemoScenarios {
    private DemoScenarios() {
    }

    static List<Scenario.Outcome> runOnFirstStart(Demo demo, Path jwtSecret) throws Exception {
        if (alreadyRan(demo)) {
            return List.of();
        }
        Vertx vertx = Vertx.vertx();
        try (MqttPublisher publisher = new MqttPublisher(demo.mqttUrl(), "prooftrail-demo-scenarios", 1000)) {
            TokenIssuer tokens = new TokenIssuer(vertx, AuthSettings.from(Settings.of(Map.of(
                    AuthSettings.SECRET_FILE, jwtSecret.toString()))));
            ScenarioApi api = new ScenarioApi(demo.httpBase(), tokens.issue("demo", ApiRole.ADMIN, null, Duration.ofHours(1)),
                    org -> tokens.issue("demo", ApiRole.COMPANY, org, Duration.ofHours(1)));
            List<Scenario.Outcome> outcomes = new ArrayList<>();
            String runId = Long.toString(System.currentTimeMillis(), 36);
            outcomes.add(Scenario.named("drug-cold-chain", 24, 0.02).orElseThrow()
                    .run(new ScenarioRun(api, publisher, "d" + runId).sdJwtEvents(EpcisDisclosurePolicy.defaults())));
            outcomes.add(Scenario.named("farm-to-shelf", 12, 0).orElseThrow()
                    .run(new ScenarioRun(api, publisher, "f" + runId).sdJwtEvents(EpcisDisclosurePolicy.defaults())));
            return outcomes;
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    private static boolean alreadyRan(Demo demo) throws Exception {
        return new Organisations(demo.node().database().dataSource()).exists("sim-farm");
    }
}
