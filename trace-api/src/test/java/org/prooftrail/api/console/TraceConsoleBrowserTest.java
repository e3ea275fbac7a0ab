package org.prooftrail.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.core.trace.TraceId;

/**
 * A regulator in a real headless Chromium: signs in, searches a lot by GTIN and lot, opens its trace
 * graph (lot, its three packs, their case and the pharmacy that received it, as SVG boxes) and downloads
 * the recall CSV through the console. A screenshot of the graph is kept in {@code target/screenshots/}.
 */
class TraceConsoleBrowserTest {
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static ColdChainFixture.Stored journey;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx, Map.of());
        journey = ColdChainFixture.store(console.api().db().dataSource(), "https://id.gs1.org", "sha256");
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
        chromium = HeadlessChromium.start(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static int count(String selector) {
        return Integer.parseInt(chromium.eval("document.querySelectorAll(" + HeadlessChromium.js(selector) + ").length"));
    }

    @Test
    void aRegulatorSearchesACodeOpensItsTraceAndDownloadsTheRecallList() throws Exception {
        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 1280).put("height", 1100)
                .put("deviceScaleFactor", 1).put("mobile", false));
        console.signIn(chromium, "inspector", PASSWORD);
        chromium.open(console.base() + "/console/search?lang=en");
        chromium.fill("#q", journey.gtin() + " " + journey.lot());
        chromium.clickAndWait("form.trace-search button[type=submit]");
        assertTrue(chromium.text().contains("Read as a GTIN and a lot: lot " + journey.lot() + " of GTIN " + journey.gtin()),
                chromium.text());

        chromium.clickAndWait("#open-trace");
        chromium.awaitTrue("location.pathname === '/console/trace'");
        String lotKey = TraceId.lot(journey.gtin(), journey.lot(), null).key();
        assertEquals(1, count("svg .trace-node.trace-lot[data-id=" + HeadlessChromium.js(lotKey) + "]"));
        assertEquals(3, count("svg .trace-node.trace-item"));
        assertEquals(1, count("svg .trace-node.trace-container"));
        assertEquals(1, count("svg .trace-node.trace-receiver[data-id=" + HeadlessChromium.js(ColdChainFixture.PHARMACY_LOCATION) + "]"));
        assertTrue(count("svg path.trace-link") >= 5, "lot to packs, packs to case, case to shipment, shipment to receiver");
        assertEquals("true", chromium.eval("[...document.querySelectorAll('svg .trace-node')].every(g => g.querySelector('title'))"));
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("console-trace.png"), chromium.screenshotPng());

        Path downloads = Files.createTempDirectory("pt-recall");
        chromium.callBrowser("Browser.setDownloadBehavior", new JsonObject().put("behavior", "allow")
                .put("downloadPath", downloads.toAbsolutePath().toString()));
        chromium.eval("document.getElementById('recall-csv').click()");
        Path file = downloads.resolve("recall-" + journey.lot() + ".csv");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(file) && Files.size(file) > 0);
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("kind,identifier,epcs,gtin,lot,serial,lastLocation,lastEventTime", rows.get(0));
        for (int i = 0; i < journey.serials().size(); i++) {
            String item = TraceId.parse(journey.itemPath(i)).key();
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("item," + item + ",")), item + " in " + rows);
        }
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("location," + ColdChainFixture.PHARMACY_LOCATION)), rows.toString());
    }
}
