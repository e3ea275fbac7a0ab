package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.core.config.Settings;

/**
 * The demo's featured pack, whose journey the scenario signed as SD-JWT events, verifies in Chromium:
 * the page rechecks its disclosed view and counts the withheld fields (its case-mates among them).
 */
class DemoPackPageBrowserTest {
    @Test
    void theDemoPacksPageVerifiesInTheBrowser(@TempDir Path home) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Demo demo = Demo.start(home, new Demo.Ports(0, 0, 0), Settings.of(Map.of()), true);
             HeadlessChromium chromium = HeadlessChromium.start(vertx)) {
            String url = demo.httpBase() + demo.pack().itemPath();
            String[] badge = new String[1];
            // the badge is "pending" until a checkpoint covers the journey's newest envelope
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        badge[0] = chromium.badgeAfterLoad(url);
                        assertFalse(badge[0].startsWith("failed|"), badge[0]);
                        return badge[0].startsWith("verified|");
                    });
            assertEquals("verified|browser|", badge[0]);
            int withheld = Integer.parseInt(chromium.eval("document.getElementById('pt-badge').getAttribute('data-withheld')"));
            assertTrue(withheld > 0, "the page counts the withheld fields of the journey's SD-JWT events: " + withheld);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
