package org.prooftrail.api.epcis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.SubscriptionFixtures.document;
import static org.prooftrail.api.epcis.SubscriptionFixtures.shipping;
import static org.prooftrail.api.epcis.SubscriptionFixtures.shippingAt;
import static org.prooftrail.api.epcis.SubscriptionFixtures.streamTo;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.registry.Organisations;

/**
 * The API server stopped while a slow receiver is still behind, and started again on the same
 * database: the receiver still gets every matching event, in order, with valid signatures; repeats
 * (at least once) are allowed, losses are not.
 */
class EpcisSubscriptionRestartTest {
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static ApiHarness api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path keyFile = dir.resolve("api-signing.pem");
        KeyFiles.writePrivate(keyFile, SigningKey.generate(SignatureAlgorithm.EdDSA));
        api = ApiHarness.start(vertx, Map.of(EpcisSettings.SIGNING_KEY_FILE, keyFile.toString(),
                SubscriptionSettings.ALLOW_HTTP, "true", SubscriptionSettings.ALLOW_PRIVATE, "true",
                SubscriptionSettings.POLL_INTERVAL, "100ms", SubscriptionSettings.RETRY_MIN, "100ms",
                SubscriptionSettings.RETRY_MAX, "400ms", SubscriptionSettings.BATCH_EVENTS, "2",
                SubscriptionSettings.TIMEOUT, "2s"));
        new Organisations(api.db().dataSource()).ensure("farm-a", "Farm A");
        // Each delivery takes the receiver 150 ms, so the server is still behind when it stops.
        receiver = new WebhookReceiver(vertx, Duration.ofMillis(150));
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        receiver.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aRestartMidWayLosesNoEvent() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00021.0";
        String company = api.token(ApiRole.COMPANY, "farm-a");
        streamTo(api, company, shippingAt("restart", rp), receiver.url("/hook/restart", "secret-of-the-restart-test"),
                "secret-of-the-restart-test");
        List<String> expected = new ArrayList<>();
        for (int doc = 0; doc < 4; doc++) {
            EpcisFixtures.capture(api, company, document("r", rp, doc * 12, 12));
            expected.addAll(shipping("r", doc * 12, 12));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.distinctEventIds("/hook/restart").isEmpty());
        int beforeRestart = receiver.distinctEventIds("/hook/restart").size();
        assertTrue(beforeRestart < expected.size(), "the server is stopped mid-way: " + beforeRestart + " of " + expected.size());

        api = api.restart();
        company = api.token(ApiRole.COMPANY, "farm-a");
        for (int doc = 4; doc < 6; doc++) {
            EpcisFixtures.capture(api, company, document("r", rp, doc * 12, 12));
            expected.addAll(shipping("r", doc * 12, 12));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinctEventIds("/hook/restart").size() >= expected.size());
        assertEquals(expected, receiver.distinctEventIds("/hook/restart"), "every event, in order, after removing repeats");
        receiver.at("/hook/restart").forEach(r -> assertTrue(r.signatureValid()));
    }
}
