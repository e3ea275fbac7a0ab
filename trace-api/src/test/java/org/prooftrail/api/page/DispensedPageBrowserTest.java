package org.prooftrail.api.page;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.prooftrail.api.testing.ColdChainFixture;

/**
 * A pack sold an hour ago, in a real headless Chromium: the page says who dispensed it and when, its
 * custody ends at the sale, and the browser's recheck of the page against the signed records (the
 * evidence document, built from the same sale) still verifies. Screenshot in {@code target/screenshots/}.
 */
class DispensedPageBrowserTest {
    private static Vertx vertx;
    private static ConsumerFixture f;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        f = ConsumerFixture.start(vertx, Map.of());
        chromium = HeadlessChromium.start(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        f.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aSoldPacksPageNamesItsSellerAndStillVerifies() throws Exception {
        Instant soldAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<Buffer> sold = f.api.request(HttpMethod.POST, "/v1/dispensings",
                        f.api.token(ApiRole.COMPANY, ColdChainFixture.PHARMACY))
                .sendJsonObject(new JsonObject().put("code", f.demo.chinaCode()).put("location", "6909876000012")
                        .put("soldAt", soldAt.toString())).await(20, TimeUnit.SECONDS);
        assertEquals(201, sold.statusCode(), sold.bodyAsString());

        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 390)
                .put("height", 1500).put("deviceScaleFactor", 1).put("mobile", true));
        chromium.navigate(f.api.base() + f.demo.itemPath(0) + "?lang=zh");
        String[] seen = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = chromium.badge();
            return seen[0] != null && !seen[0].startsWith("checking|");
        });
        assertEquals("verified|browser|", seen[0], "the recheck agrees with a custody that ends at the sale");
        String said = chromium.eval("document.getElementById('pt-dispensed').textContent");
        assertTrue(said.endsWith("由 Demo Pharmacy 示范大药房 售出/调配。"), said);
        // the warning about lookups since then names the same day (the journey's offset, +08:00)
        String day = soldAt.atOffset(java.time.ZoneOffset.ofHours(8)).toLocalDate().toString();
        assertTrue(said.startsWith("已于 " + day + " "), said);
        String warnings = chromium.eval("Array.from(document.querySelectorAll('.warn')).map(function(p){return p.textContent}).join('|')");
        assertTrue(warnings.contains("此药品已于 " + day + " 售出/调配"), warnings);
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("consumer-page-dispensed.png"), chromium.screenshotPng());
    }
}
