package org.prooftrail.api.page;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's full recheck of a long journey (about 500 reading envelopes: the demo journey over 500
 * hours, one envelope an hour per device) in headless Chromium with its CPU throttled 4x
 * ({@code Emulation.setCPUThrottlingRate}), and the evidence document's size as sent with gzip.
 * Not a timed test: it reports the numbers (docs/benchmarks.md). Run with
 * {@code ./mvnw -o verify -pl trace-api -Dtest=PageRecheckBenchmark -Dpt.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class PageRecheckBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(PageRecheckBenchmark.class);
    private static final int RUNS = 5;

    @Test
    void fullCheckOfA500EnvelopeJourney() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ConsumerFixture f = ConsumerFixture.start(vertx, Map.of("PT_PUBLIC_RATE_LIMIT", "100000"), Duration.ofHours(500));
             HeadlessChromium chromium = HeadlessChromium.start(vertx)) {
            String url = f.api.base() + f.demo.itemPath(0);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String evidence = f.api.base() + "/v1/evidence" + f.demo.itemPath(0);
            HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(evidence)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> gz = http.send(HttpRequest.newBuilder(URI.create(evidence)).header("accept-encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", gz.headers().firstValue("content-encoding").orElse(null), "the server compresses the evidence");
            int envelopes = new JsonObject(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .getJsonArray("envelopes").size();
            HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(url)).header("accept", "text/html")
                    .header("accept-encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

            chromium.call("Emulation.setCPUThrottlingRate", new JsonObject().put("rate", 4));
            long[] millis = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                chromium.navigate(url);
                String[] state = new String[1];
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    state[0] = chromium.eval("(function(){var b=document.getElementById('pt-badge');return b&&b.getAttribute('data-ms')"
                            + "?b.getAttribute('data-state')+'|'+b.getAttribute('data-ms')+'|'+(b.getAttribute('data-step')||''):null;})()");
                    return state[0] != null;
                });
                assertEquals("verified", state[0].split("\\|")[0], state[0]);
                millis[i] = Long.parseLong(state[0].split("\\|")[1]);
            }
            Arrays.sort(millis);
            LOG.info("evidence answer headers with gzip: {}", gz.headers().map());
            LOG.info("page recheck, {} envelopes, CPU throttled 4x: median {} ms, min {} ms, max {} ms (runs {}); evidence {} bytes, "
                    + "{} bytes gzip; page {} bytes gzip", envelopes, millis[RUNS / 2], millis[0], millis[RUNS - 1],
                    Arrays.toString(millis), plain.body().length, gz.body().length, page.body().length);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

}
