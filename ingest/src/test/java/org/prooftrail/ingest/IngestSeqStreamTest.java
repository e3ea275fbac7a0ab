package org.prooftrail.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.envelope.SeqWindow;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.ingest.loss.LossSettings;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.store.envelopes.DeviceGaps;
import org.prooftrail.store.envelopes.StreamReset;
import org.prooftrail.store.envelopes.StreamResets;

/** Seq jumps, stream resets and loud loss, through a real broker into a real database. */
class IngestSeqStreamTest {
    private static final Instant T = Instant.now().minus(Duration.ofMinutes(10));

    @Test
    void aSeqJumpBeyondTheWindowIsRefusedAndDoesNotBlockTheDevice() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.SEQ_WINDOW, "1000", SeqWindow.MAX_JUMP_SETTING, "1000"))) {
            IngestService ingest = h.startIngest();
            SimDevice d = h.device("acme", "truck-9", SignatureAlgorithm.EdDSA);
            try (MqttPublisher pub = h.publisher()) {
                publish(pub, d, 1, 5);
                h.awaitCount("SELECT count(*) FROM envelope", 5, Duration.ofSeconds(30));
                pub.publish(d.readingsTopic(), d.readingsWithSeq(Long.MAX_VALUE, T, 4.0)).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM rejected_message WHERE reason = 'SEQ_OUT_OF_WINDOW'", 1, Duration.ofSeconds(30));
                // the next ordinary seq is stored, and so is one exactly the window above it
                publish(pub, d, 6, 6);
                publish(pub, d, 1006, 1006);
                h.awaitCount("SELECT count(*) FROM envelope", 7, Duration.ofSeconds(30));
            }
            assertEquals(0, h.count("SELECT count(*) FROM envelope WHERE seq > 1006"));
            assertEquals(1006, h.count("SELECT max_seq FROM device_stream WHERE device_id = 'truck-9'"));
            assertEquals(1, h.count("SELECT count(*) FROM rejected_message WHERE reason = 'SEQ_OUT_OF_WINDOW' AND device_id = 'truck-9' "
                    + "AND detail LIKE 'seq " + Long.MAX_VALUE + " is more than 1000 above the highest seq 5 %'"));
            assertEquals(1.0, ingest.metrics().rejectedCount(RejectionReason.SEQ_OUT_OF_WINDOW));
        }
    }

    @Test
    void aResetStreamStartsAgainFarAboveAndTheStepIsNoGap() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(IngestSettings.SEQ_WINDOW, "100", SeqWindow.MAX_JUMP_SETTING, "100"))) {
            h.startIngest();
            SimDevice d = h.device("acme", "truck-3", SignatureAlgorithm.EdDSA);
            StreamResets resets = new StreamResets(h.db.dataSource());
            try (MqttPublisher pub = h.publisher()) {
                publish(pub, d, 1, 20);
                h.awaitCount("SELECT count(*) FROM envelope", 20, Duration.ofSeconds(30));
                // the counter jumped (a repaired device): refused until an operator resets the stream
                publish(pub, d, 5000, 5000);
                h.awaitCount("SELECT count(*) FROM rejected_message WHERE reason = 'SEQ_OUT_OF_WINDOW'", 1, Duration.ofSeconds(30));
                StreamReset r = resets.reset("truck-3", "admin:ops-1", "controller board replaced");
                assertEquals(1L, r.previousFirstSeq());
                assertEquals(20L, r.previousMaxSeq());
                assertEquals(20L, r.previousStored());
                publish(pub, d, 5001, 5010);
                h.awaitCount("SELECT count(*) FROM envelope", 30, Duration.ofSeconds(30));
            }
            assertEquals(5001, h.count("SELECT first_seq FROM device_stream WHERE device_id = 'truck-3'"));
            List<StreamReset> audit = resets.of("truck-3");
            assertEquals(1, audit.size());
            assertEquals("admin:ops-1", audit.get(0).resetBy());
            assertEquals("controller board replaced", audit.get(0).reason());
            assertNotNull(audit.get(0).resetAt());
            // the old stream's envelopes stay; the step 21..5000 between the streams is not loss
            DeviceGaps.Found gaps = new DeviceGaps(h.db.dataSource()).of("truck-3", -1, 100);
            assertEquals(30, gaps.stored());
            assertEquals(0, gaps.gapCount());
            assertEquals(0, gaps.missing());
        }
    }

    @Test
    void aGapOlderThanTheSettingRaisesExactlyOneAlertNamingDeviceAndRange() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of(LossSettings.ALERT_AFTER, "1s",
                LossSettings.DEGRADED_MISSING, "9", LossSettings.DEGRADED_WINDOW, "10m"))) {
            IngestService ingest = h.startIngest();
            SimDevice d = h.device("acme", "reefer-2", SignatureAlgorithm.ES256);
            assertEquals(null, ingest.lossCheck().problem());
            try (MqttPublisher pub = h.publisher()) {
                publish(pub, d, 1, 10);
                publish(pub, d, 20, 30);
                h.awaitCount("SELECT count(*) FROM envelope", 21, Duration.ofSeconds(30));
                h.awaitCount("SELECT count(*) FROM alert WHERE kind = 'seq-gap'", 1, Duration.ofSeconds(20));
                // late envelopes fill part of the run: what is left is covered by the alert already raised
                publish(pub, d, 15, 15);
                h.awaitCount("SELECT count(*) FROM envelope", 22, Duration.ofSeconds(30));
            }
            // several looks (every 500 ms here) and no second alert
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> h.count("SELECT count(*) FROM alert WHERE kind = 'seq-gap'") == 1);
            try (Connection c = h.db.connection(); PreparedStatement st = c.prepareStatement(
                    "SELECT subject, org_id, details->>'device', details->>'fromSeq', details->>'toSeq', details->>'missing' "
                            + "FROM alert WHERE kind = 'seq-gap'"); ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("device/reefer-2", rs.getString(1));
                assertEquals("acme", rs.getString(2));
                assertEquals("reefer-2", rs.getString(3));
                assertEquals("11", rs.getString(4));
                assertEquals("19", rs.getString(5));
                assertEquals("9", rs.getString(6));
            }
            assertEquals(1, h.count("SELECT count(*) FROM alert WHERE kind = 'seq-gap' "
                    + "AND raised_at - (details->>'noticedAt')::timestamptz >= interval '1 second'"), "not before the gap is 1 s old");
            assertEquals(9.0, h.meters.get("pt_ingest_seq_gap_missing").tag("device", "reefer-2").counter().count());
            String problem = ingest.lossCheck().problem();
            assertNotNull(problem);
            assertTrue(problem.startsWith("degraded: 9 envelope(s) of 1 device(s) lost"), problem);
        }
    }

    static void publish(MqttPublisher pub, SimDevice d, long from, long to) throws Exception {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            acks.add(pub.publish(d.readingsTopic(), d.readingsWithSeq(seq, T.plusMillis(seq % 100_000), 5.0)));
        }
        CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }
}
