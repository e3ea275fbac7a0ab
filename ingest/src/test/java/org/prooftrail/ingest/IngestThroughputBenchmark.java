package org.prooftrail.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * Sustained ingest rate, end to end: pre-signed envelopes published at QoS 1 by four clients, through
 * the broker, verified, stored and acknowledged. Not part of the test run (tag "benchmark"); run with
 * {@code ./mvnw -pl ingest -am test -Dtest=IngestThroughputBenchmark -Dpt.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false} and, for the machine's
 * own broker and database, PT_TEST_MQTT_URL / PT_TEST_DB_URL. It prints its figures; it asserts nothing
 * about speed. Publishers keep at most about 12,000 messages ahead of what is stored (ingest takes 20,000 unacknowledged),
 * so that a broker with a
 * small queue (Mosquitto's default 1,000 per session) is not made to drop messages.
 */
@Tag("benchmark")
class IngestThroughputBenchmark {
    private static final int DEVICES = 200;
    private static final int PER_DEVICE = 150;
    private static final int READINGS = 5;
    private static final int PUBLISHERS = 4;
    private static final long MAX_AHEAD = 10_000;

    @Test
    void sustainedEnvelopesPerSecond() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("PT_INGEST_")) {
                settings.put(k.toString(), v.toString()); // e.g. -DPT_INGEST_BATCH_DELAY=20ms to compare settings
            }
        });
        try (IngestHarness h = new IngestHarness(settings)) {
            IngestService ingest = h.startIngest();
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                devices.add(h.device("bench", "bench-" + i, SignatureAlgorithm.EdDSA));
            }
            Instant t = Instant.parse("2026-11-20T00:00:00Z");
            List<List<String>> topics = new ArrayList<>();
            List<List<byte[]>> payloads = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                topics.add(new ArrayList<>());
                payloads.add(new ArrayList<>());
            }
            double[] temps = new double[READINGS];
            for (int k = 0; k < READINGS; k++) {
                temps[k] = 4.0 + k * 0.1;
            }
            for (int r = 0; r < PER_DEVICE; r++) {
                for (int i = 0; i < DEVICES; i++) {
                    SimDevice d = devices.get(i);
                    topics.get(i % PUBLISHERS).add(d.readingsTopic());
                    payloads.get(i % PUBLISHERS).add(d.readings(t.plusSeconds(r * 60L), temps));
                }
            }
            int total = DEVICES * PER_DEVICE;
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int id = p;
                Thread th = new Thread(() -> publishAll(h, topics.get(id), payloads.get(id)));
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            long published = System.nanoTime();
            h.awaitCount("SELECT count(*) FROM envelope", total, java.time.Duration.ofMinutes(10));
            long stored = System.nanoTime();
            double seconds = (stored - start) / 1e9;
            System.out.printf("%nINGEST BENCHMARK broker=%s db=%s%n", TestServices.mqttUrl(),
                    TestServices.externalBroker() ? "external" : "embedded");
            System.out.printf("  %d envelopes (%d readings each, Ed25519) from %d devices, %d publishers, settings %s%n",
                    total, READINGS, DEVICES, PUBLISHERS, settings);
            System.out.printf("  all published in %.1f s; all stored in %.1f s%n", (published - start) / 1e9, seconds);
            System.out.printf("  sustained: %.0f envelopes/s, %.0f readings/s%n", total / seconds, total * READINGS / seconds);
            IngestMetrics m = ingest.metrics();
            System.out.printf("  batches: %d, mean size %.0f; commit mean %.1f ms, max %.1f ms; verify mean %.3f ms%n%n",
                    m.batchSize.count(), m.batchSize.mean(), m.commitTime.mean(TimeUnit.MILLISECONDS),
                    m.commitTime.max(TimeUnit.MILLISECONDS), m.verifyTime.mean(TimeUnit.MILLISECONDS));
        }
    }

    private static void publishAll(IngestHarness h, List<String> topics, List<byte[]> payloads) {
        try (MqttPublisher pub = h.publisher()) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < payloads.size(); i++) {
                if (i % 500 == 0) {
                    long sent = (long) i * PUBLISHERS;
                    while (sent - h.count("SELECT count(*) FROM envelope") > MAX_AHEAD) {
                        TimeUnit.MILLISECONDS.sleep(20); // pacing the load against what is stored
                    }
                }
                acks.add(pub.publish(topics.get(i), payloads.get(i)));
            }
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
