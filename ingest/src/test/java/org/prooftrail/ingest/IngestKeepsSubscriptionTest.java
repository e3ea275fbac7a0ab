package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * The only ingest replica stops gracefully with {@code PT_INGEST_LEAVE_ON_STOP=false}: it keeps its
 * shared subscription, so the broker queues what devices publish while it is away and delivers it
 * when it comes back under the same client id. Every envelope is stored once.
 */
class IngestKeepsSubscriptionTest {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void whatIsPublishedWhileTheOnlyReplicaIsStoppedIsStoredWhenItReturns() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.LEAVE_ON_STOP, "false"))) {
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                devices.add(h.device("keep", "keep-" + i, SignatureAlgorithm.EdDSA));
            }
            String clientId = h.nextClientId();
            IngestService first = h.startIngest(h.dbSettings, org.prooftrail.embedded.testing.TestServices.mqttUrl(), clientId);
            try (MqttPublisher pub = h.publisher()) {
                publish(pub, devices, 0, 25);
                h.awaitCount("SELECT count(*) FROM envelope", 100, Duration.ofSeconds(60));
                first.close();
                publish(pub, devices, 25, 50); // nobody is connected: the broker keeps these for the session
            }
            h.startIngest(h.dbSettings, org.prooftrail.embedded.testing.TestServices.mqttUrl(), clientId);
            h.awaitCount("SELECT count(*) FROM envelope", 200, Duration.ofSeconds(90));
            assertEquals(200, h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
            assertEquals(0, h.count("SELECT coalesce(sum(max_seq - first_seq + 1 - stored_count), 0) FROM device_stream"),
                    "no sequence gaps");
        }
    }

    private static void publish(MqttPublisher pub, List<SimDevice> devices, int from, int to) throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int round = from; round < to; round++) {
            for (SimDevice d : devices) {
                acks.add(pub.publish(d.readingsTopic(), d.readings(T.plusSeconds(round * 60L), 4.0, 4.5)));
            }
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }
}
