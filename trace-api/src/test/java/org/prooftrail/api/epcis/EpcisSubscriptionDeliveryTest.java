package org.prooftrail.api.epcis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.SubscriptionFixtures.document;
import static org.prooftrail.api.epcis.SubscriptionFixtures.postJson;
import static org.prooftrail.api.epcis.SubscriptionFixtures.shipping;
import static org.prooftrail.api.epcis.SubscriptionFixtures.shippingAt;
import static org.prooftrail.api.epcis.SubscriptionFixtures.streamTo;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Webhook subscriptions delivering to a real HTTP receiver: events captured over HTTP reach a stream
 * subscription once each, in capture order, signed; a company's subscription gets only its own
 * organisation's events and a regulator's gets all; a receiver that was down gets what it missed;
 * a schedule reports on time, empty reports included when asked.
 */
class EpcisSubscriptionDeliveryTest {
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static ApiHarness api;
    private static WebhookReceiver receiver;
    private static String farmA;
    private static String farmB;
    private static String regulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path keyFile = dir.resolve("api-signing.pem");
        KeyFiles.writePrivate(keyFile, SigningKey.generate(SignatureAlgorithm.EdDSA));
        api = ApiHarness.start(vertx, Map.of(EpcisSettings.SIGNING_KEY_FILE, keyFile.toString(),
                SubscriptionSettings.ALLOW_HTTP, "true", SubscriptionSettings.ALLOW_PRIVATE, "true",
                SubscriptionSettings.POLL_INTERVAL, "100ms", SubscriptionSettings.RETRY_MIN, "100ms",
                SubscriptionSettings.RETRY_MAX, "400ms", SubscriptionSettings.BATCH_EVENTS, "4",
                SubscriptionSettings.TIMEOUT, "5s"));
        new Organisations(api.db().dataSource()).ensure("farm-a", "Farm A");
        new Organisations(api.db().dataSource()).ensure("farm-b", "Farm B");
        farmA = api.token(ApiRole.COMPANY, "farm-a");
        farmB = api.token(ApiRole.COMPANY, "farm-b");
        regulator = api.token(ApiRole.REGULATOR, null);
        receiver = new WebhookReceiver(vertx, Duration.ZERO);
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        receiver.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aStreamGetsEveryMatchingEventOnceInOrderSignedAndScopedToItsOrganisation() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00011.0";
        String mine = streamTo(api, farmA, shippingAt("stream-a", rp), receiver.url("/hook/a", "secret-of-farm-a-0001"),
                "secret-of-farm-a-0001");
        String all = streamTo(api, regulator, shippingAt("stream-all", rp), receiver.url("/hook/reg", "secret-of-regulators-1"),
                "secret-of-regulators-1");
        List<String> farmAShipping = new ArrayList<>();
        List<String> everyShipping = new ArrayList<>();
        for (int doc = 0; doc < 3; doc++) {
            EpcisFixtures.capture(api, farmA, document("a", rp, doc * 10, 10));
            farmAShipping.addAll(shipping("a", doc * 10, 10));
            everyShipping.addAll(shipping("a", doc * 10, 10));
            EpcisFixtures.capture(api, farmB, document("b", rp, doc * 4, 4));
            everyShipping.addAll(shipping("b", doc * 4, 4));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.distinctEventIds("/hook/a").size() >= farmAShipping.size()
                && receiver.distinctEventIds("/hook/reg").size() >= everyShipping.size());
        assertEquals(farmAShipping, receiver.distinctEventIds("/hook/a"), "farm A's shipping events, in capture order, none of farm B's");
        assertEquals(everyShipping, receiver.distinctEventIds("/hook/reg"), "every organisation's shipping events, in capture order");
        assertEquals(farmAShipping, receiver.allEventIds("/hook/a"), "no event twice while nothing failed");
        for (WebhookReceiver.Received r : receiver.at("/hook/a")) {
            assertTrue(r.signatureValid(), "GS1-Signature " + r.signature() + " verifies");
            assertEquals(mine, r.subscriptionId());
            assertEquals("stream-a", r.document().getJsonObject("epcisBody").getJsonObject("queryResults").getString("queryName"));
            assertTrue(r.eventIds().size() <= 4, "at most PT_EPCIS_SUBSCRIPTION_BATCH events per document");
        }
        receiver.at("/hook/reg").forEach(r -> {
            assertTrue(r.signatureValid());
            assertEquals(all, r.subscriptionId());
        });
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotVerify() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00012.0";
        streamTo(api, farmA, shippingAt("stream-wrong-secret", rp), receiver.url("/hook/wrong", "the-receiver-expects-this"),
                "but-the-subscription-has-this");
        EpcisFixtures.capture(api, farmA, document("w", rp, 0, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at("/hook/wrong").isEmpty());
        assertFalse(receiver.at("/hook/wrong").get(0).signatureValid());
    }

    @Test
    void aReceiverThatWasDownGetsEverythingItMissedOnceBack() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00013.0";
        String id = streamTo(api, farmA, shippingAt("stream-down", rp), receiver.url("/hook/down", "secret-for-the-down-test"),
                "secret-for-the-down-test");
        receiver.stop();
        List<String> expected = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int doc = 0; doc < 3; doc++) {
                EpcisFixtures.capture(api, farmA, document("d", rp, doc * 8, 8));
                expected.addAll(shipping("d", doc * 8, 8));
            }
            // Capture does not wait for receivers: three captures finish while every delivery fails.
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) < 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(id) >= 3);
        } finally {
            receiver.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.distinctEventIds("/hook/down").size() >= expected.size());
        assertEquals(expected, receiver.distinctEventIds("/hook/down"));
        receiver.at("/hook/down").forEach(r -> assertTrue(r.signatureValid()));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize(id) == 0);
    }

    @Test
    void aScheduleReportsOnTimeAndEmptyReportsOnlyWhenAsked() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00014.0";
        HttpResponse<Buffer> q = postJson(api, farmA, "/epcis/queries", shippingAt("every-second", rp));
        assertEquals(201, q.statusCode(), q.bodyAsString());
        HttpResponse<Buffer> s = postJson(api, farmA, "/epcis/queries/every-second/subscriptions", new JsonObject()
                .put("dest", receiver.url("/hook/sched", "secret-of-the-schedule")).put("signatureToken", "secret-of-the-schedule")
                .put("reportIfEmpty", true).put("schedule", new JsonObject().put("second", "[0-59]")));
        assertEquals(201, s.statusCode(), s.bodyAsString());
        assertEquals(true, s.bodyAsJsonObject().getBoolean("reportIfEmpty"));
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.at("/hook/sched").size() >= 2);
        assertTrue(receiver.at("/hook/sched").get(0).eventIds().isEmpty(), "reportIfEmpty: an empty report");
        EpcisFixtures.capture(api, farmA, document("s", rp, 0, 4));
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.distinctEventIds("/hook/sched").size() >= 2);
        assertEquals(shipping("s", 0, 4), receiver.distinctEventIds("/hook/sched"));
        String sub = s.bodyAsJsonObject().getString("subscriptionID");
        HttpResponse<Buffer> gone = SubscriptionFixtures.call(api, HttpMethod.DELETE, farmA, "/epcis/queries/every-second/subscriptions/" + sub);
        assertEquals(204, gone.statusCode(), gone.bodyAsString());
    }

    @Test
    void aReceiverThatHangsHoldsUpNoOtherSubscription() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00015.0";
        receiver.hang("/hook/hangs");
        String hangs = streamTo(api, farmA, shippingAt("to-a-hanging-receiver", rp), receiver.url("/hook/hangs", "secret-of-the-hanging-one"),
                "secret-of-the-hanging-one");
        streamTo(api, farmA, shippingAt("to-a-good-receiver", rp), receiver.url("/hook/good", "secret-of-the-good-one"),
                "secret-of-the-good-one");
        List<String> expected = new ArrayList<>();
        for (int doc = 0; doc < 4; doc++) {
            EpcisFixtures.capture(api, farmA, document("h", rp, doc * 6, 6));
            expected.addAll(shipping("h", doc * 6, 6));
            // Each document's events reach the good receiver while the other one is still waited on (5 s timeout).
            int upTo = expected.size();
            await().atMost(Duration.ofSeconds(3)).until(() -> receiver.distinctEventIds("/hook/good").size() >= upTo);
        }
        assertEquals(expected, receiver.distinctEventIds("/hook/good"));
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(hangs) >= 1);
        assertTrue(receiver.at("/hook/hangs").size() <= 2, "one document at a time to the hanging receiver");
        assertEquals(204, SubscriptionFixtures.call(api, HttpMethod.DELETE, farmA, "/epcis/queries/to-a-hanging-receiver").statusCode());
    }

    @Test
    void aReceiverWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
        String rp = "urn:epc:id:sgln:4012345.00016.0";
        io.vertx.core.net.SelfSignedCertificate cert = io.vertx.core.net.SelfSignedCertificate.create("127.0.0.1");
        List<String> reached = java.util.Collections.synchronizedList(new ArrayList<>());
        io.vertx.core.http.HttpServer tls = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(cert.keyCertOptions()))
                .requestHandler(req -> {
                    reached.add(req.path());
                    req.response().setStatusCode(204).end();
                }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        try {
            String id = streamTo(api, farmA, shippingAt("to-a-self-signed-receiver", rp),
                    "https://127.0.0.1:" + tls.actualPort() + "/hook/tls", "secret-of-the-tls-test");
            EpcisFixtures.capture(api, farmA, document("t", rp, 0, 2));
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(id) >= 2);
            assertEquals(List.of(), reached, "no request gets past the TLS handshake");
            assertTrue(lastError(id).contains("could not be reached"), lastError(id));
        } finally {
            tls.close().await(10, TimeUnit.SECONDS);
            cert.delete();
        }
    }

    private static String lastError(String subscriptionId) throws Exception {
        try (Connection c = api.db().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT last_error FROM epcis_subscription_delivery WHERE subscription_id = ? ORDER BY id LIMIT 1")) {
            st.setString(1, subscriptionId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "";
            }
        }
    }

    private static int attempts(String subscriptionId) throws Exception {
        try (Connection c = api.db().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(max(attempts), 0) FROM epcis_subscription_delivery WHERE subscription_id = ?")) {
            st.setString(1, subscriptionId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int outboxSize(String subscriptionId) throws Exception {
        try (Connection c = api.db().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM epcis_subscription_delivery WHERE subscription_id = ?")) {
            st.setString(1, subscriptionId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
