package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.envelope.EnvelopeLimits;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.ingest.verify.CheckedMessage;
import org.prooftrail.ingest.verify.EnvelopeCheck;
import org.prooftrail.ingest.verify.KeyCache;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.store.envelopes.RefusedMessage;

/** {@link EnvelopeCheck#checkAll} gives, one for one, what {@link EnvelopeCheck#check} gives, with the real key registry. */
class EnvelopeCheckAllTest {
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void randomMixesGiveWhatOneByOneGives() throws Exception {
        try (IngestHarness h = new IngestHarness(Map.of())) {
            List<SimDevice> devices = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                devices.add(h.device(i % 2 == 0 ? "acme" : "zenith", "ed-" + i, SignatureAlgorithm.EdDSA));
            }
            devices.add(h.device("acme", "es-1", SignatureAlgorithm.ES256));
            SimDevice revoked = h.device("acme", "revoked-1", SignatureAlgorithm.EdDSA);
            h.registry.revokeKey(revoked.kid());
            SimDevice unknown = new SimDevice("acme", "nobody", SignatureAlgorithm.EdDSA, 1);

            List<InboundMessage> pool = new ArrayList<>();
            for (SimDevice d : devices) {
                for (int i = 0; i < 5; i++) {
                    pool.add(message(d.readingsTopic(), d.readings(NOW.minusSeconds(60 * i), 4.0 + i)));
                }
                byte[] tampered = d.readings(NOW, 9.0);
                tampered[tampered.length - 3] ^= 1;
                pool.add(message(d.readingsTopic(), tampered));
                pool.add(message(d.eventsTopic(), d.readings(NOW, 5.0)));
                pool.add(message(d.readingsTopic(), d.readings(NOW.plus(Duration.ofHours(1)), 5.0)));
                pool.add(message("pt/v1/" + d.org() + "/another-device/readings", d.readings(NOW, 5.0)));
                pool.add(message("pt/v1/elsewhere/" + d.id() + "/readings", d.readings(NOW, 5.0)));
            }
            pool.add(message(revoked.readingsTopic(), revoked.readings(NOW, 5.0)));
            pool.add(message(unknown.readingsTopic(), unknown.readings(NOW, 5.0)));
            pool.add(message("pt/v1/acme/ed-0/readings", "not a jws".getBytes()));
            pool.add(message("not/a/topic", devices.get(0).readings(NOW, 5.0)));

            EnvelopeCheck check = new EnvelopeCheck(new KeyCache(h.registry), EnvelopeLimits.defaults(), Duration.ofMinutes(5),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            Map<InboundMessage, CheckedMessage> alone = new HashMap<>();
            Set<RejectionReason> reasons = new HashSet<>();
            for (InboundMessage m : pool) {
                CheckedMessage c = check.check(m);
                alone.put(m, c);
                if (c.verdict() instanceof RefusedMessage r) {
                    reasons.add(r.reason());
                }
            }
            assertTrue(reasons.containsAll(Set.of(RejectionReason.BAD_SIGNATURE, RejectionReason.TOPIC_MISMATCH,
                    RejectionReason.CLOCK_SKEW, RejectionReason.DEVICE_MISMATCH, RejectionReason.REVOKED_KEY,
                    RejectionReason.UNKNOWN_DEVICE, RejectionReason.MALFORMED_JWS)), reasons.toString());

            Random random = new Random(18);
            for (int trial = 0; trial < 100; trial++) {
                List<InboundMessage> batch = new ArrayList<>();
                for (int i = 1 + random.nextInt(64); i > 0; i--) {
                    batch.add(pool.get(random.nextInt(pool.size())));
                }
                assertEquals(batch.stream().map(alone::get).toList(), check.checkAll(batch), "trial " + trial);
            }
        }
    }

    private static InboundMessage message(String topic, byte[] payload) {
        return new InboundMessage(topic, payload, 1, 1, 1, 0);
    }
}
