package org.prooftrail.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.api.testing.ConsoleHarness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A company user in a real headless Chromium registers a product and a lot through the console's forms,
 * issues 100 codes and downloads the lot's labels as a ZIP of PNG images and as a PDF, as files the
 * browser saves. A screenshot of the lot page is kept in {@code target/screenshots/console-lot.png}.
 */
class LotConsoleBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(LotConsoleBrowserTest.class);
    private static final String PASSWORD = "correct horse battery";
    private static final String GTIN = "09506000134352";

    private static Vertx vertx;
    private static ConsoleHarness console;
    private static HeadlessChromium chromium;
    private static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("ops@pharma-a", ApiRole.COMPANY, "pharma-a", PASSWORD);
        chromium = HeadlessChromium.start(vertx);
        downloads = Files.createTempDirectory("pt-console-downloads-");
        chromium.callBrowser("Browser.setDownloadBehavior", new JsonObject().put("behavior", "allow")
                .put("downloadPath", downloads.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        if (downloads != null) {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aCompanyCreatesALotIssuesCodesAndDownloadsItsLabels() throws Exception {
        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 1100).put("height", 1600)
                .put("deviceScaleFactor", 1).put("mobile", false));
        console.signIn(chromium, "ops@pharma-a", PASSWORD);
        chromium.open(console.base() + "/console/products?lang=en");
        chromium.fill("#gtin", GTIN);
        chromium.fill("#name", "Insulin pen");
        chromium.fill("#category", "drug");
        chromium.fill("#tempMinC", "2");
        chromium.fill("#tempMaxC", "8");
        chromium.fill("#maxSingleExcursionMinutes", "30");
        chromium.fill("#cnDrugId", "8612345");
        chromium.clickAndWait("form[action='/console/products'] button[type=submit]");
        assertEquals("/console/products/" + GTIN, chromium.eval("location.pathname"));
        assertTrue(chromium.text().contains("Product registered."), chromium.text());

        chromium.fill("#lot", "L2026-11");
        chromium.fill("#producedAt", "2026-11-25T08:00");
        chromium.fill("#expiresOn", "2028-02-29");
        chromium.clickAndWait("form[action$='/lots'] button[type=submit]");
        assertEquals("/console/lots/" + GTIN + "/L2026-11", chromium.eval("location.pathname"));

        chromium.fill("#count", "100");
        chromium.clickAndWait("form[action$='/items'] button[type=submit]");
        String page = chromium.text();
        assertTrue(page.contains("Issued 100 codes."), page);
        assertEquals("50", chromium.eval("document.querySelectorAll('main table')[1].tBodies[0].rows.length"),
                "the first page of issued codes");

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("console-lot.png"), chromium.screenshotPng());

        long started = System.nanoTime();
        chromium.eval("document.querySelector(\"a[href$='labels.zip?image=png']\").click()");
        Path zip = awaitDownload("labels-" + GTIN + "-L2026-11-png.zip");
        LOG.info("labels ZIP of 100 codes downloaded in {} ms ({} bytes)", (System.nanoTime() - started) / 1_000_000, Files.size(zip));
        int pngs = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] head = in.readNBytes(8);
                if (e.getName().endsWith(".png") && head.length == 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P') {
                    pngs++;
                }
            }
        }
        assertEquals(100, pngs, "one PNG image a code");

        chromium.eval("document.querySelector(\"a[href$='labels.pdf']\").click()");
        Path pdf = awaitDownload("labels-" + GTIN + "-L2026-11.pdf");
        try (InputStream in = Files.newInputStream(pdf)) {
            assertEquals("%PDF-", new String(in.readNBytes(5), java.nio.charset.StandardCharsets.US_ASCII));
        }
        String pdfText = Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(pdfText.contains("/Count 5"), "100 labels at 24 a page make 5 pages");

        // on a phone the page itself does not scroll sideways: wide tables scroll in their own box
        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 390).put("height", 1400)
                .put("deviceScaleFactor", 1).put("mobile", true));
        chromium.open(console.base() + "/console/lots/" + GTIN + "/L2026-11");
        assertEquals("true", chromium.eval("document.documentElement.scrollWidth <= 390"),
                "page width " + chromium.eval("document.documentElement.scrollWidth"));
        Files.write(shots.resolve("console-lot-phone.png"), chromium.screenshotPng());
    }

    /** Waits until the browser has saved the file whole (no partial .crdownload left). */
    private static Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        await("download of " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return false;
            }
            try (Stream<Path> partial = Files.list(downloads)) {
                return partial.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
            } catch (IOException e) {
                return false;
            }
        });
        return file;
    }
}
