package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.sim.MqttPublisher;
import org.prooftrail.sim.SimDevice;

/**
 * A key rotated in the registry (the API's rotateDeviceKey) and a revoked device reach ingest through
 * its revocation poll: the old key's envelopes are refused as REVOKED_KEY and kept under the device's
 * id, the new key's are stored, and after the device is revoked no key of it is accepted.
 */
class IngestKeyRotationTest {
    private static final Instant T = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void afterARotationOnlyTheNewKeySpeaksAndAfterRevocationNone() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of())) {
            h.startIngest();
            SimDevice old = h.device("acme", "rot-" + h.run, SignatureAlgorithm.EdDSA);
            String device = old.id();
            SimDevice rotated = new SimDevice("acme", device, device + "-k2", SigningKey.generate(SignatureAlgorithm.ES256), 1000);
            String deviceRejections = "SELECT count(*) FROM rejected_message WHERE reason = 'REVOKED_KEY' AND device_id = '" + device + "'";
            try (MqttPublisher pub = h.publisher()) {
                pub.publish(old.readingsTopic(), old.readingsWithSeq(1, T, 5.0)).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM envelope WHERE device_id = '" + device + "'", 1, Duration.ofSeconds(30));

                assertEquals(List.of(old.kid()), h.registry.rotateKey(device, rotated.kid(), "ES256", rotated.publicKeyPem()));
                // the old key, cached by ingest, stops within a poll of revocations: keep sending until it bites
                long[] seq = {2};
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    pub.publish(old.readingsTopic(), old.readingsWithSeq(seq[0]++, T, 5.0)).get(10, TimeUnit.SECONDS);
                    return h.count(deviceRejections) > 0;
                });
                refusedOnceMore(h, pub, old, 500, deviceRejections);
                pub.publish(rotated.readingsTopic(), rotated.readingsWithSeq(1000, T, 6.0)).get(10, TimeUnit.SECONDS);
                h.awaitCount("SELECT count(*) FROM envelope WHERE device_id = '" + device + "' AND kid = '" + rotated.kid() + "'",
                        1, Duration.ofSeconds(30));

                h.registry.revokeDevice(device);
                long before = h.count(deviceRejections);
                long[] next = {1001};
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    pub.publish(rotated.readingsTopic(), rotated.readingsWithSeq(next[0]++, T, 6.0)).get(10, TimeUnit.SECONDS);
                    return h.count(deviceRejections) > before;
                });
                refusedOnceMore(h, pub, rotated, 5000, deviceRejections);
            }
        }
    }

    /** Once revocation has bitten, every further envelope of that key is refused and nothing of it stored. */
    private static void refusedOnceMore(IngestHarness h, MqttPublisher pub, SimDevice d, long seq, String rejections) throws Exception {
        long before = h.count(rejections);
        pub.publish(d.readingsTopic(), d.readingsWithSeq(seq, T, 7.0)).get(10, TimeUnit.SECONDS);
        h.awaitCount(rejections, before + 1, Duration.ofSeconds(30));
        assertEquals(0, h.count("SELECT count(*) FROM envelope WHERE device_id = '" + d.id() + "' AND seq = " + seq));
    }
}
