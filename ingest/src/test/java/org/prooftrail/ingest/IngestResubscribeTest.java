package org.prooftrail.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.sim.SimDevice;

/**
 * A broker that stops delivering right after ingest subscribes (HiveMQ CE was seen to, about once in
 * 1,200 fresh shared subscriptions: connection up, messages queued, nothing sent, nothing logged) gets
 * the subscription again once ingest has been idle for {@code PT_INGEST_RESUBSCRIBE_IDLE}, and every
 * message is then stored once.
 */
class IngestResubscribeTest {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void aBrokerThatStallsAfterTheSubscribeIsPromptedAgainAndNothingIsLost() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.RESUBSCRIBE_IDLE, "1s"))) {
            List<FloodingBroker.Message> messages = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                SimDevice d = h.device("fleet", "stalled-" + i, SignatureAlgorithm.EdDSA);
                for (int n = 0; n < 40; n++) {
                    messages.add(new FloodingBroker.Message(d.readingsTopic(), d.readings(T.plusSeconds(n * 60L), 4.0, 4.5)));
                }
            }
            try (FloodingBroker broker = new FloodingBroker(messages, 1)) {
                IngestService ingest = h.startIngest(h.dbSettings, broker.url());
                await().atMost(Duration.ofSeconds(60)).until(() -> broker.acknowledged() == messages.size());
                assertTrue(broker.subscribes() >= 2, "subscribed again: " + broker.subscribes() + " SUBSCRIBE(s)");
                assertTrue(h.meters.get("pt_ingest_resubscribes").functionCounter().count() >= 1, "counted");
                assertEquals(0, broker.acknowledgedTwice());
                await().atMost(Duration.ofSeconds(10)).until(() -> ingest.metrics().inFlightMessages() == 0);
            }
            assertEquals(messages.size(), h.count("SELECT count(*) FROM envelope"));
            assertEquals(messages.size(), h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
            assertEquals(0, h.count("SELECT count(*) FROM rejected_message"));
        }
    }
}
