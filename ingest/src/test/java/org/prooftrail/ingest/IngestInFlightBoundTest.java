package org.prooftrail.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * Ingest's own in-flight bounds hold whatever the broker and the database do: a frozen database with
 * envelopes of 256 KiB (through the test broker), and a broker that ignores the Receive Maximum and
 * floods the socket. Nothing is lost or stored twice once the flow resumes.
 */
class IngestInFlightBoundTest {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");
    private static final int ENVELOPE_BYTES = 256 * 1024;

    @Test
    void aFrozenDatabaseWithEnvelopesOf256KiBKeepsInFlightBytesWithinTheBoundAndLosesNothing() throws Exception {
        int bound = 4 * ENVELOPE_BYTES; // 4 envelopes; 128 are sent (32 MiB)
        int perDevice = 32;
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.MAX_IN_FLIGHT_BYTES, String.valueOf(bound),
                IngestSettings.MAX_PAYLOAD, String.valueOf(ENVELOPE_BYTES)))) {
            IngestService ingest = h.startIngest();
            // Its own organisation: on a broker shared with other test runs, their messages reach this
            // ingest too (refused as from unknown devices) and must not be counted as its own.
            String org = "bulk-" + h.run;
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                devices.add(h.device(org, "logger-" + i, SignatureAlgorithm.EdDSA));
            }
            int readings = readingsFilling(ENVELOPE_BYTES, "logger-0");
            List<FloodingBroker.Message> envelopes = new ArrayList<>();
            for (int n = 0; n < perDevice; n++) {
                for (SimDevice d : devices) {
                    envelopes.add(new FloodingBroker.Message(d.readingsTopic(), bigReadings(d, n, readings)));
                }
            }
            int smallest = envelopes.stream().mapToInt(m -> m.payload().length).min().orElseThrow();
            assertTrue(smallest > ENVELOPE_BYTES - 4096 && smallest <= ENVELOPE_BYTES, "envelopes of about 256 KiB: " + smallest);

            try (Connection frozen = h.db.connection(); InFlightSampler sampler = new InFlightSampler(ingest.metrics())) {
                frozen.setAutoCommit(false);
                try (Statement s = frozen.createStatement()) {
                    s.execute("LOCK TABLE envelope IN ACCESS EXCLUSIVE MODE"); // every batch's commit waits
                }
                try (MqttPublisher pub = h.publisher()) {
                    List<CompletableFuture<Void>> acks = new ArrayList<>();
                    for (FloodingBroker.Message m : envelopes) {
                        acks.add(pub.publish(m.topic(), m.payload()));
                    }
                    CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(90, TimeUnit.SECONDS);
                }
                // Ingest takes in what fits, then nothing more while the database stays frozen.
                AtomicLong seen = new AtomicLong(-1);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).until(() -> {
                    long now = (long) ingest.metrics().receivedCount();
                    return now > 0 && now == seen.getAndSet(now);
                });
                if (TestServices.externalBroker()) {
                    // Mosquitto sends everything it has (the Receive Maximum is 20,000): ingest must pause.
                    // HiveMQ CE keeps a small window of its own (2 to 8 of these envelopes were seen
                    // unacknowledged), which may stay below the bound.
                    assertTrue(ingest.metrics().pauses() > 0, "ingest stopped reading");
                }
                assertEquals(0, ingest.metrics().storedCount(), "nothing stored while the database is frozen");
                assertTrue(ingest.metrics().inFlightBytes() <= bound, "ingest holds " + ingest.metrics().inFlightBytes()
                        + " bytes, the rest of the " + envelopes.size() + " envelopes stays with the broker");

                frozen.rollback(); // the database answers again
                h.awaitCount("SELECT count(*) FROM envelope", envelopes.size(), Duration.ofSeconds(90));
                assertTrue(sampler.maxBytes() <= bound, "in-flight bytes peaked at " + sampler.maxBytes());
            }
            assertEquals(envelopes.size(), h.count("SELECT count(*) FROM envelope"));
            assertEquals(envelopes.size(), h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
            assertEquals((long) envelopes.size() * readings, h.count("SELECT count(*) FROM reading"));
            assertEquals(0, h.count("SELECT count(*) FROM rejected_message WHERE topic LIKE 'pt/v1/" + org + "/%'"));
            assertEquals(0, h.count("SELECT coalesce(sum(max_seq - first_seq + 1 - stored_count), 0) FROM device_stream"));
        }
    }

    @Test
    void aBrokerThatIgnoresTheReceiveMaximumCannotPushIngestPastItsBounds() throws Exception {
        int maxMessages = 100;
        int maxBytes = 256 * 1024;
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.MAX_IN_FLIGHT, String.valueOf(maxMessages),
                IngestSettings.BATCH_SIZE, "50", IngestSettings.MAX_PAYLOAD, "32768",
                IngestSettings.MAX_IN_FLIGHT_BYTES, String.valueOf(maxBytes)))) {
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                devices.add(h.device("fleet", "truck-" + i, SignatureAlgorithm.EdDSA));
            }
            // mostly small envelopes (the message bound binds), some of about 10 KB (the byte bound binds)
            List<FloodingBroker.Message> flood = new ArrayList<>();
            for (int n = 0; n < 300; n++) {
                for (SimDevice d : devices) {
                    flood.add(new FloodingBroker.Message(d.readingsTopic(), n % 4 == 0 ? bigReadings(d, n, 150)
                            : d.readings(T.plusSeconds(n * 200L), 4.0, 4.5, 5.0)));
                }
            }
            try (FloodingBroker broker = new FloodingBroker(flood)) {
                IngestService ingest = h.startIngest(h.dbSettings, broker.url());
                try (InFlightSampler sampler = new InFlightSampler(ingest.metrics())) {
                    await().atMost(Duration.ofSeconds(90)).until(() -> broker.acknowledged() == flood.size());
                    assertTrue(sampler.maxMessages() <= maxMessages, "in-flight messages peaked at " + sampler.maxMessages());
                    assertTrue(sampler.maxBytes() <= maxBytes, "in-flight bytes peaked at " + sampler.maxBytes());
                }
                assertEquals(maxMessages, broker.receiveMaximum(), "ingest asked for its bound as the Receive Maximum");
                assertTrue(broker.maxUnacknowledged() > 2L * maxMessages,
                        "the broker ignored it: " + broker.maxUnacknowledged() + " unacknowledged at once");
                assertTrue(ingest.metrics().pauses() > 0, "ingest stopped reading");
                assertEquals(0, broker.acknowledgedTwice());
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> ingest.metrics().inFlightMessages() == 0 && ingest.metrics().inFlightBytes() == 0);
            }
            assertEquals(flood.size(), h.count("SELECT count(*) FROM envelope"));
            assertEquals(flood.size(), h.count("SELECT count(DISTINCT (device_id, seq)) FROM envelope"));
            assertEquals(0, h.count("SELECT count(*) FROM rejected_message"));
        }
    }

    /** A readings envelope of {@code count} readings, at the device's next seq, a reading a second. */
    private static byte[] bigReadings(SimDevice d, int n, int count) {
        double[] temps = new double[count];
        for (int i = 0; i < count; i++) {
            temps[i] = 2.0 + (i % 60) / 10.0;
        }
        return d.readings(T.plusSeconds((long) n * count), temps);
    }

    /** How many readings make an envelope just under {@code bytes}, for a device id of this length. */
    private static int readingsFilling(int bytes, String deviceId) {
        SimDevice probe = new SimDevice("bulk", deviceId, SignatureAlgorithm.EdDSA, 1);
        int low = bigReadings(probe, 0, 1000).length;
        int high = bigReadings(probe, 0, 2000).length;
        int count = 1000 + (int) ((long) (bytes - 2048 - low) * 1000 / (high - low));
        while (bigReadings(probe, 0, count).length > bytes) {
            count -= 10;
        }
        return count;
    }

    /** Samples the in-flight gauges every millisecond and keeps their highest values. */
    static final class InFlightSampler implements AutoCloseable {
        private final AtomicLong maxMessages = new AtomicLong();
        private final AtomicLong maxBytes = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        InFlightSampler(IngestMetrics metrics) {
            thread = new Thread(() -> {
                while (running) {
                    maxMessages.accumulateAndGet(metrics.inFlightMessages(), Math::max);
                    maxBytes.accumulateAndGet(metrics.inFlightBytes(), Math::max);
                    try {
                        Thread.sleep(1); // a sampling period, not synchronisation
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "in-flight-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long maxMessages() {
            return maxMessages.get();
        }

        long maxBytes() {
            return maxBytes.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(1_000);
        }
    }
}
