package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TcpProxy;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

class IngestResilienceTest {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void aDatabaseOutageLosesNothingAndIngestRecoversWithoutRestart() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.BATCH_SIZE, "100"))) {
            URI db = URI.create(h.dbSettings.url().substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(db.getHost(), db.getPort())) {
                String viaProxy = h.dbSettings.url().replace(":" + db.getPort() + "/", ":" + proxy.port() + "/");
                IngestService ingest = h.startIngest(new DatabaseSettings(viaProxy, h.dbSettings.user(),
                        h.dbSettings.password(), 4));
                List<SimDevice> devices = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    devices.add(h.device("coldchain", "reefer-" + i, SignatureAlgorithm.EdDSA));
                }
                try (MqttPublisher pub = h.publisher()) {
                    send(pub, devices, 0, 50);
                    h.awaitCount("SELECT count(*) FROM envelope", 500, Duration.ofSeconds(60));
                    assertEquals(null, ingest.problem(), "ready while the database answers");

                    proxy.cut();
                    send(pub, devices, 50, 50); // broker acknowledges these; ingest cannot store them yet
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                            .until(() -> ingest.problem() != null && ingest.problem().contains("not being stored"));
                    assertEquals(500, h.count("SELECT count(*) FROM envelope"), "nothing new stored during the outage");

                    proxy.restore();
                    send(pub, devices, 100, 20);
                    h.awaitCount("SELECT count(*) FROM envelope", 1_200, Duration.ofSeconds(90));
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ingest.problem() == null);
                }
                assertEquals(1_200, h.count("SELECT count(*) FROM envelope"));
                assertEquals(1_200, h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
                assertEquals(0, h.count("SELECT coalesce(sum(max_seq - first_seq + 1 - stored_count), 0) FROM device_stream"));
                IngestStoresOnceTest.assertEveryChunkRecomputes(h);
            }
        }
    }

    @Test
    void twoReplicasOnTheSharedSubscriptionTogetherStoreEverythingOnce() throws Exception {
        // A small receive maximum, so a broker that balances by free capacity has to use both.
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.BATCH_SIZE, "20",
                IngestSettings.MAX_IN_FLIGHT, "40"))) {
            IngestService first = h.startIngest();
            IngestService second = h.startIngest();
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                devices.add(h.device("packer", "line-" + i, SignatureAlgorithm.EdDSA));
            }
            try (MqttPublisher pub = h.publisher()) {
                send(pub, devices, 0, 100);
            }
            h.awaitCount("SELECT count(*) FROM envelope", 2_000, Duration.ofSeconds(90));
            assertEquals(2_000, h.count("SELECT count(*) FROM envelope"));
            assertEquals(2_000, h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
            long a = (long) first.metrics().storedCount();
            long b = (long) second.metrics().storedCount();
            assertEquals(2_000, a + b, "each envelope stored by exactly one replica");
            if (TestServices.externalBroker()) {
                // Mosquitto round-robins a shared subscription. HiveMQ CE (the embedded broker) keeps
                // handing a stream to one member while that member keeps up, so no split is asserted there.
                assertTrue(a > 0 && b > 0, "both replicas took part: " + a + " / " + b);
            }
        }
    }

    private static void send(MqttPublisher pub, List<SimDevice> devices, int from, int rounds) throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int r = from; r < from + rounds; r++) {
            for (SimDevice d : devices) {
                acks.add(pub.publish(d.readingsTopic(), d.readings(T.plusSeconds(r * 30L), 4.0, 4.5)));
            }
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }
}
