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
 * A device's envelopes leave verification in the order they arrived, however many threads verify: with
 * a seq window of 10, an envelope overtaken by more than ten later ones of its device and stored after
 * them would be refused as out of window although it was valid and published in order.
 */
class IngestDeviceOrderTest {
    private static final int ENVELOPES = 2_000;
    /** Every so often an envelope that takes far longer to check than the ones behind it. */
    private static final int SLOW_EVERY = 50;
    private static final int SLOW_READINGS = 3_000;

    @Test
    void oneDevicePublishingInOrderIsStoredWhollyWithASmallSeqWindowAndSeveralVerificationThreads() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.SEQ_WINDOW, "10", IngestSettings.VERIFY_THREADS, "4",
                // small, quick batches: what overtakes a slow check is committed before it
                IngestSettings.BATCH_SIZE, "20", IngestSettings.BATCH_DELAY, "2ms"))) {
            h.startIngest();
            SimDevice d = h.device("acme", "reefer-" + h.run, SignatureAlgorithm.EdDSA);
            Instant t = Instant.now().minus(Duration.ofDays(1));
            double[] many = new double[SLOW_READINGS];
            java.util.Arrays.fill(many, 4.0);
            List<byte[]> envelopes = new ArrayList<>(ENVELOPES);
            for (int i = 0; i < ENVELOPES; i++) {
                Instant at = t.plusSeconds(i * 10L);
                envelopes.add(i % SLOW_EVERY == 0 ? d.readingsWithSeq(1 + i, at, many) : d.readingsWithSeq(1 + i, at, 5.0));
            }
            // this device's only: a broker shared with other tests also brings their messages, refused here
            String refused = "SELECT count(*) FROM rejected_message WHERE topic = '" + d.readingsTopic() + "'";
            try (MqttPublisher pub = h.publisher()) {
                List<CompletableFuture<Void>> acks = new ArrayList<>(ENVELOPES);
                for (byte[] e : envelopes) {
                    acks.add(pub.publish(d.readingsTopic(), e));
                }
                CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
                // every envelope judged: stored or refused
                h.awaitCount("SELECT (SELECT count(*) FROM envelope) + (" + refused + ")", ENVELOPES, Duration.ofSeconds(120));
            }
            assertEquals(0, h.count(refused), "refused although valid and published in order");
            assertEquals(ENVELOPES, h.count("SELECT count(*) FROM envelope"));
            assertEquals(ENVELOPES, h.count("SELECT max_seq FROM device_stream"));
        }
    }
}
