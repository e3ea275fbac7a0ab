package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.embedded.testing.MosquittoProcess;
import org.prooftrail.ingest.loss.LossSettings;
import org.prooftrail.ingest.mqtt.TopicAddress;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.store.envelopes.DeviceGaps;

/**
 * The loss ProofTrail cannot prevent, made loud: a Mosquitto of the test's own with Debian's default
 * queue ({@code max_queued_messages 1000}) keeps 1,000 QoS 1 messages for ingest's persistent session
 * while ingest is stopped and silently drops the rest of 1,500. Once ingest is back and the device's
 * next envelope shows the gap, the gap raises one alert naming the device and exactly the dropped range.
 */
class MosquittoQueueLossTest {

    @Test
    void aMosquittoWithTheDefaultQueueDropsAndTheAlertNamesDeviceAndRange() throws Exception {
        assumeTrue(MosquittoProcess.binary().isPresent(), "no mosquitto binary on PATH or in /usr/sbin");
        try (MosquittoProcess broker = MosquittoProcess.start(List.of("allow_anonymous true", "persistence false",
                "max_queued_messages 1000")); // Debian's and upstream's default
             IngestHarness h = new IngestHarness(Map.of(LossSettings.ALERT_AFTER, "1s"))) {
            String url = broker.url();
            SimDevice d = h.device("acme", "truck-77", SignatureAlgorithm.EdDSA);
            String clientId = h.nextClientId();
            // ingest's persistent session as a stopped (killed) ingest leaves it: subscribed, offline
            leaveSession(url, clientId, "$share/" + h.group + "/" + TopicAddress.NAMESPACE);

            try (MqttPublisher pub = new MqttPublisher(url, "pt-test-pub-" + h.run, 200)) {
                IngestSeqStreamTest.publish(pub, d, 1, 1500); // every one acknowledged by the broker
                h.startIngest(h.dbSettings, url, clientId);
                // what the broker kept arrives; the device's next envelope shows what it dropped
                h.awaitCount("SELECT count(*) FROM envelope", 1000, Duration.ofSeconds(60));
                IngestSeqStreamTest.publish(pub, d, 1501, 1501);
                h.awaitCount("SELECT count(*) FROM envelope WHERE seq = 1501", 1, Duration.ofSeconds(30));
            }
            long stored = h.count("SELECT count(*) FROM envelope");
            assertTrue(stored < 1501, "the default queue dropped nothing: " + stored + " stored");
            DeviceGaps.Found gaps = new DeviceGaps(h.db.dataSource()).of("truck-77", -1, 100);
            assertEquals(1501 - stored, gaps.missing());
            h.awaitCount("SELECT count(*) FROM alert WHERE kind = 'seq-gap'", gaps.gapCount(), Duration.ofSeconds(30));
            List<String> alerted = new ArrayList<>();
            try (Connection c = h.db.connection(); PreparedStatement st = c.prepareStatement(
                    "SELECT details->>'device', details->>'fromSeq', details->>'toSeq' FROM alert "
                            + "WHERE kind = 'seq-gap' ORDER BY (details->>'fromSeq')::bigint"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    alerted.add(rs.getString(1) + ":" + rs.getString(2) + ".." + rs.getString(3));
                }
            }
            assertEquals(gaps.gaps().stream().map(g -> "truck-77:" + g.fromSeq() + ".." + g.toSeq()).toList(), alerted);
        }
    }

    private static void leaveSession(String url, String clientId, String filter) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(600L);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
