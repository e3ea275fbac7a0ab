package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.api.testing.ConsoleHarness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A company user in a real headless Chromium chooses an EPCIS document in the upload form's file input
 * (CDP {@code DOM.setFileInputFiles}, as a person picking a file would), submits it, and sees the job's
 * per-event result: one event accepted, one refused with the API's reason. The page is kept as
 * {@code target/screenshots/console-epcis.png}.
 */
class EpcisUploadConsoleBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(EpcisUploadConsoleBrowserTest.class);
    private static final String PASSWORD = "correct horse battery";

    private static Vertx vertx;
    private static ConsoleHarness console;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("quality@farm-a", ApiRole.COMPANY, "farm-a", PASSWORD);
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

    /** Puts a file into a file input, as the browser's file chooser would. */
    private static void chooseFile(String selector, Path file) throws Exception {
        int root = chromium.call("DOM.getDocument", new JsonObject()).getJsonObject("root").getInteger("nodeId");
        int input = chromium.call("DOM.querySelector", new JsonObject().put("nodeId", root).put("selector", selector))
                .getInteger("nodeId");
        chromium.call("DOM.setFileInputFiles", new JsonObject().put("nodeId", input)
                .put("files", new JsonArray().add(file.toAbsolutePath().toString())));
    }

    @Test
    void aCompanyUploadsADocumentAndSeesEachEventsResult() throws Exception {
        Path doc = Files.createTempFile("pt-epcis-", ".jsonld");
        Files.writeString(doc, EpcisConsoleDocuments.oneGoodOneBad("browser").encodePrettily());
        try {
            console.signIn(chromium, "quality@farm-a", PASSWORD);
            chromium.open(console.base() + "/console/epcis?lang=en");
            chooseFile("#epcis-file", doc);
            assertTrue("1".equals(chromium.eval("document.querySelector('#epcis-file').files.length")), "the file is chosen");
            chromium.clickAndWait("form.stack button[type=submit]");
            chromium.awaitTrue("location.pathname.indexOf('/console/epcis/jobs/') === 0");
            // the page reloads itself while the job runs; wait for the finished job's results
            chromium.awaitTrue("document.getElementById('event-summary') && document.readyState === 'complete'");
            String text = chromium.text();
            assertTrue(text.contains("1 accepted, 1 refused"), text);
            assertTrue(text.contains(EpcisConsoleDocuments.acceptedId("browser")), text);
            String refusedRow = chromium.eval("document.querySelector('#events tr.refused').innerText");
            assertTrue(refusedRow != null && refusedRow.contains(EpcisConsoleDocuments.refusedId("browser"))
                    && refusedRow.contains(EpcisConsoleDocuments.REFUSED_REASON), "the refused event and why: " + refusedRow);
            String acceptedRow = chromium.eval("document.querySelector('#events tr.accepted').innerText");
            assertTrue(acceptedRow != null && acceptedRow.contains("commissioning"), acceptedRow);

            chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 1100).put("height", 760)
                    .put("deviceScaleFactor", 1).put("mobile", false));
            Path shots = Path.of("target", "screenshots");
            Files.createDirectories(shots);
            Path shot = shots.resolve("console-epcis.png");
            Files.write(shot, chromium.screenshotPng());
            LOG.info("screenshot of the capture job page: {}", shot.toAbsolutePath());
        } finally {
            Files.deleteIfExists(doc);
        }
    }
}
