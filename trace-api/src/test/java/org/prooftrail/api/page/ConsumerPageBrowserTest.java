package org.prooftrail.api.page;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.resolver.ConsumerFixture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real headless Chromium opens a demo pack's consumer page: the badge must turn to verified by the
 * check in the browser itself (WebCrypto SHA-256 and Ed25519, not the server fallback). Then one
 * byte of the pack's commissioning envelope is changed in the database, and on reload the badge must
 * show the failure and the step that failed. A screenshot of the verified page is kept in
 * {@code target/screenshots/}.
 */
class ConsumerPageBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerPageBrowserTest.class);

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

    private static String awaitBadge(String state) {
        String[] seen = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = chromium.badge();
            return seen[0] != null && seen[0].startsWith(state + "|");
        });
        return seen[0];
    }

    @Test
    void badgeIsVerifiedInTheBrowserAndFailsAfterTampering() throws Exception {
        String url = f.api.base() + f.demo.itemPath(0);
        HttpResponse<Buffer> page = null;
        double[] millis = new double[30];
        for (int i = 0; i < millis.length; i++) {
            page = f.api.client().request(HttpMethod.GET, f.demo.itemPath(0)).putHeader("accept", "text/html")
                    .send().await(20, TimeUnit.SECONDS);
            millis[i] = Double.parseDouble(page.getHeader("server-timing").replace("lookup;dur=", ""));
        }
        java.util.Arrays.sort(millis, 10, millis.length); // the first 10 warm the JVM up
        LOG.info("consumer page: {} bytes of HTML (inline CSS and JS included); server time per lookup after warm-up: "
                + "min {} ms, median {} ms, max {} ms", page.body().length(), millis[10], millis[20], millis[29]);

        // a phone's screen, tall enough to hold the whole page in the screenshot
        chromium.call("Emulation.setDeviceMetricsOverride", new io.vertx.core.json.JsonObject().put("width", 390)
                .put("height", 1500).put("deviceScaleFactor", 1).put("mobile", true));
        chromium.navigate(url);
        String verified = awaitBadge("verified");
        assertEquals("verified|browser|", verified, "the check ran in the browser, not on the server");
        assertTrue(chromium.eval("document.getElementById('pt-fallback').hidden").equals("true"));
        assertEquals("pass", chromium.eval("document.getElementById('pt-verdict').getAttribute('data-verdict')"));
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Path shot = shots.resolve("consumer-page-verified.png");
        Files.write(shot, chromium.screenshotPng());
        LOG.info("screenshot of the verified page: {}", shot.toAbsolutePath());

        // a browser without Ed25519 in WebCrypto: the page falls back to the server's check and says so
        String hide = chromium.call("Page.addScriptToEvaluateOnNewDocument", new io.vertx.core.json.JsonObject().put("source",
                "(function(){var orig=SubtleCrypto.prototype.importKey;SubtleCrypto.prototype.importKey=function(f,k,a,e,u){"
                + "if(a&&(a==='Ed25519'||a.name==='Ed25519'))return Promise.reject(new DOMException('no','NotSupportedError'));"
                + "return orig.call(this,f,k,a,e,u);};})();")).getString("identifier");
        chromium.navigate(url);
        assertEquals("verified|server|", awaitBadge("verified"));
        assertEquals("false", chromium.eval("document.getElementById('pt-fallback').hidden"));
        chromium.call("Page.removeScriptToEvaluateOnNewDocument", new io.vertx.core.json.JsonObject().put("identifier", hide));

        // records not yet covered by a checkpoint: pending, not failed
        f.sql("CREATE TABLE saved_checkpoint AS SELECT * FROM checkpoint");
        f.sql("DELETE FROM checkpoint");
        chromium.navigate(url);
        assertEquals("pending|browser|", awaitBadge("pending"));
        f.sql("INSERT INTO checkpoint SELECT * FROM saved_checkpoint");

        // change one byte of the commissioning envelope's payload
        f.sql("UPDATE envelope SET jws = overlay(jws PLACING (CASE WHEN get_byte(jws, 60) = 65 THEN 'B' ELSE 'A' END)::bytea "
                + "FROM 61 FOR 1) WHERE device_id = ? AND seq = ?", f.demo.commissioningDevice(), f.demo.commissioningSeq());
        chromium.navigate(url);
        String failed = awaitBadge("failed");
        LOG.info("after tampering the badge says {}", failed);
        assertTrue(failed.startsWith("failed|browser|device signature") || failed.startsWith("failed|browser|envelope in chunk"),
                failed);
        // the failed step in the page's language, the technical detail on hover
        chromium.navigate(url + "?lang=zh");
        awaitBadge("failed");
        String step = chromium.eval("document.getElementById('pt-step').textContent");
        assertTrue(step.equals("设备签名") || step.equals("记录在数据块中的位置"), step);
        assertTrue(chromium.eval("document.getElementById('pt-step').title").startsWith(failed.substring("failed|browser|".length())),
                chromium.eval("document.getElementById('pt-step').title"));
        Files.write(shots.resolve("consumer-page-failed.png"), chromium.screenshotPng());
    }
}
