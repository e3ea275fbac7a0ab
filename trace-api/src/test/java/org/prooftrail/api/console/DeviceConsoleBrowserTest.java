package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.HeadlessChromium;
import org.prooftrail.api.testing.ConsoleHarness;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.MessageVerdict;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.envelopes.RefusedMessage;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.testing.SigningDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A company user in a real headless Chromium registers a device through the form and finds it in the
 * devices table next to one that has been reporting (with a gap and refused messages). A screenshot
 * of the table is kept in {@code target/screenshots/console-devices.png}.
 */
class DeviceConsoleBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceConsoleBrowserTest.class);
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("quality@cold-d", ApiRole.COMPANY, "cold-d", PASSWORD);
        reportingTruck();
        chromium = HeadlessChromium.start(vertx);
    }

    /** A truck that sent 30 envelopes in the last quarter hour, lost two and had three messages refused. */
    private static void reportingTruck() throws Exception {
        SigningDevice truck = new SigningDevice("cold-d", "truck-d1", 1);
        DeviceRegistry registry = new DeviceRegistry(console.api().db().dataSource());
        registry.registerDevice("cold-d", "truck-d1", "truck");
        registry.addKey("truck-d1", truck.kid(), "EdDSA", truck.publicKeyPem());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<MessageVerdict> batch = new ArrayList<>();
        for (int n = 1; n <= 32; n++) {
            if (n != 11 && n != 12) {
                batch.add(truck.overMqtt(truck.readingsWithSeq(n, now.minusSeconds(30L * (33 - n)), 4.0, 4.2, 4.4, 4.3)));
            }
        }
        Origin topic = new Origin.MqttTopic(truck.readingsTopic());
        for (RejectionReason reason : new RejectionReason[] {RejectionReason.BAD_SIGNATURE, RejectionReason.BAD_SIGNATURE,
                RejectionReason.CLOCK_SKEW}) {
            batch.add(new RefusedMessage(topic, "x".getBytes(StandardCharsets.US_ASCII), reason, "test", "truck-d1"));
        }
        new BatchWriter(console.api().db().dataSource(), MerkleHasher.sha256(), 100, 100).write(batch);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanyUserRegistersADeviceAndSeesItListed() throws Exception {
        chromium.call("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", 1280).put("height", 800)
                .put("deviceScaleFactor", 1).put("mobile", false));
        console.signIn(chromium, "quality@cold-d", PASSWORD);
        chromium.open(console.base() + "/console/devices?lang=en");
        chromium.clickAndWait("main a[href='/console/devices/new']");
        assertEquals("/console/devices/new", chromium.eval("location.pathname"));

        chromium.fill("#device-id", "cold-room-2");
        chromium.fill("#device-kind", "cold room");
        chromium.fill("#device-alg", "SM2SM3");
        chromium.fill("#device-pem", PublicKeys.toPem(SigningKey.generate(SignatureAlgorithm.SM2SM3).verifyingKey()));
        chromium.clickAndWait("main form button[type=submit]");
        assertEquals("/console/devices/cold-room-2", chromium.eval("location.pathname"));
        String page = chromium.text();
        assertTrue(page.contains("Device cold-room-2 registered."), page);
        assertTrue(page.contains("SM2SM3") && page.contains("in force"), page);

        chromium.clickAndWait("main a[href='/console/devices']");
        String list = chromium.text();
        assertTrue(list.contains("cold-room-2"), list);
        assertTrue(list.contains("truck-d1"), list);
        assertTrue(list.contains("2 missing"), "the truck's lost envelopes: " + list);
        assertTrue(list.contains("signature does not verify"), "its refusals by reason: " + list);
        assertEquals("2", chromium.eval("String(document.querySelectorAll('table.devices tbody tr').length)"));

        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Path shot = shots.resolve("console-devices.png");
        Files.write(shot, chromium.screenshotPng());
        LOG.info("screenshot of the devices table: {}", shot.toAbsolutePath());

        chromium.open(console.base() + "/console/devices?lang=zh");
        assertTrue(chromium.text().contains("注册设备"));
        Files.write(shots.resolve("console-devices-zh.png"), chromium.screenshotPng());
    }
}
