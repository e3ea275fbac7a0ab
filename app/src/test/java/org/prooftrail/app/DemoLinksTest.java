package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.sim.scenario.Scenario;

/**
 * Every link the demo prints, followed as a new user would (with the tokens the demo prints), answers
 * 2xx: the demo's screen prints {@link DemoLinks} and nothing else as links.
 */
class DemoLinksTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyLinkTheDemoPrintsAnswers2xx(@TempDir Path home) throws Exception {
        try (Demo demo = Demo.start(home, new Demo.Ports(0, 0, 0), Settings.of(Map.of()), true)) {
            String base = demo.httpBase();
            DemoPack pack = demo.pack();
            DemoLinks.Tokens tokens = DemoLinks.tokens(home, pack.maker());
            List<DemoLinks.Link> links = new ArrayList<>(DemoLinks.service(base));
            links.addAll(DemoLinks.pack(base, pack));
            assertEquals(2, demo.scenarios().size());
            for (Scenario.Outcome o : demo.scenarios()) {
                List<DemoLinks.Link> scenario = DemoLinks.scenario(base, o);
                assertTrue(scenario.stream().anyMatch(l -> l.url().contains("/v1/trace/")), o.scenario());
                links.addAll(scenario);
            }
            // the proof is printed once a signed checkpoint covers a reading
            links.add(Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> DemoLinks.proof(demo),
                    Optional::isPresent).orElseThrow());
            assertTrue(links.stream().anyMatch(l -> l.access() == DemoLinks.Access.COMPANY));
            assertTrue(links.stream().anyMatch(l -> l.access() == DemoLinks.Access.REGULATOR));

            // events arrive over MQTT and are stored asynchronously: each link gets time to answer
            List<String> failures = new ArrayList<>();
            for (DemoLinks.Link link : links) {
                AtomicReference<String> last = new AtomicReference<>("no answer");
                try {
                    Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                        HttpResponse<String> r = get(link.url(), tokens.forAccess(link.access()));
                        last.set(r.statusCode() + " " + r.body());
                        return r.statusCode() / 100 == 2;
                    });
                } catch (ConditionTimeoutException e) {
                    failures.add(link.label() + " " + link.url() + " -> " + last.get());
                }
            }
            assertEquals(List.of(), failures);

            // the featured pack waits at the pharmacy until now: the fleet's fridge keeps its window watched,
            // so its verdict rests on readings throughout, not "incomplete data"
            HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(base + pack.itemPath()))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject cold = new JsonObject(json.body()).getJsonObject("coldChain");
            assertEquals("pass", cold.getString("verdict"), cold.encodePrettily());
            assertEquals(0, cold.getJsonArray("uncovered").size(), cold.encodePrettily());
            assertEquals(0, cold.getJsonArray("seqGaps").size(), cold.encodePrettily());
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + pack.itemPath() + "?lang=en"))
                    .header("Accept", "text/html").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("Cold chain held"), "the demo pack's page says what its readings show");

            // and the lot trace reaches the lot's packs, not only the lot
            DemoLinks.Link lotTrace = links.stream().filter(l -> l.label().equals("lot trace")).findFirst().orElseThrow();
            JsonObject trace = new JsonObject(get(lotTrace.url(), tokens.regulator()).body());
            String packKey = TraceId.parse(base + pack.itemPath()).key();
            assertTrue(trace.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("id")).anyMatch(packKey::equals),
                    trace.encodePrettily());
        }
    }
}
