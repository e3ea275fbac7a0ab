package org.prooftrail.ingest.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.envelope.EnvelopeLimits;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.Reading;
import org.prooftrail.core.envelope.Rejection;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.ingest.mqtt.TopicAddress;

/**
 * Everything ingest checks before storing: the topic, then the envelope (size, JWS, key, signature,
 * payload schema), then that topic, payload and key agree on who sent it. CPU-bound; runs on the
 * verification pool.
 */
public final class EnvelopeCheck {
    private final EnvelopeVerifier verifier;
    private final KeyCache keys;
    private final Duration maxClockSkew;
    private final Clock clock;

    public EnvelopeCheck(KeyCache keys, EnvelopeLimits limits, Duration maxClockSkew, Clock clock) {
        this.keys = keys;
        this.verifier = new EnvelopeVerifier(kid -> keys.find(kid).map(KeyCache.CachedKey::deviceKey), limits);
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    /** @throws KeyCache.KeyLookupUnavailable when the registry cannot be asked; retry later */
    public CheckedMessage check(InboundMessage m) {
        Optional<TopicAddress> topic = TopicAddress.parse(m.topic());
        if (topic.isEmpty()) {
            return badTopic(m);
        }
        return decide(m, topic.get(), verifier.verify(m.payload()));
    }

    /**
     * As {@link #check} on each message, result for result, with their envelopes verified together
     * ({@link EnvelopeVerifier#verifyAll}: Ed25519 signatures in one batch).
     *
     * @throws KeyCache.KeyLookupUnavailable when the registry cannot be asked for any of them; retry all later
     */
    public List<CheckedMessage> checkAll(List<InboundMessage> messages) {
        if (messages.size() == 1) {
            return List.of(check(messages.get(0)));
        }
        CheckedMessage[] checked = new CheckedMessage[messages.size()];
        List<TopicAddress> addresses = new ArrayList<>(messages.size());
        List<Integer> positions = new ArrayList<>(messages.size());
        List<byte[]> envelopes = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Optional<TopicAddress> topic = TopicAddress.parse(messages.get(i).topic());
            if (topic.isEmpty()) {
                checked[i] = badTopic(messages.get(i));
            } else {
                addresses.add(topic.get());
                positions.add(i);
                envelopes.add(messages.get(i).payload());
            }
        }
        List<VerificationResult> results = verifier.verifyAll(envelopes);
        for (int j = 0; j < results.size(); j++) {
            int i = positions.get(j);
            checked[i] = decide(messages.get(i), addresses.get(j), results.get(j));
        }
        return List.of(checked);
    }

    private static CheckedMessage badTopic(InboundMessage m) {
        return CheckedMessage.refused(m, RejectionReason.TOPIC_MISMATCH, "topic '" + m.topic()
                + "' is not pt/v1/{org}/{device}/readings or .../events; publish there", null);
    }

    /** The verdict on a message from where it was sent and what the envelope's verification gave. */
    private CheckedMessage decide(InboundMessage m, TopicAddress address, VerificationResult result) {
        if (result instanceof Rejection r) {
            return CheckedMessage.refused(m, r.reason(), r.message(), address.device());
        }
        VerifiedEnvelope envelope = (VerifiedEnvelope) result;
        KeyCache.CachedKey key = keys.find(envelope.kid()).orElseThrow();
        if (!envelope.dev().equals(address.device())) {
            return CheckedMessage.refused(m, RejectionReason.DEVICE_MISMATCH,
                    "payload dev '" + envelope.dev() + "' but topic device '" + address.device() + "'", address.device());
        }
        if (!key.orgId().equals(address.org())) {
            return CheckedMessage.refused(m, RejectionReason.DEVICE_MISMATCH, "device '" + envelope.dev()
                    + "' belongs to organisation '" + key.orgId() + "', not '" + address.org() + "'", address.device());
        }
        boolean isEvent = envelope.event().isPresent();
        if (isEvent != (address.kind() == TopicAddress.Kind.EVENTS)) {
            return CheckedMessage.refused(m, RejectionReason.TOPIC_MISMATCH, "an envelope with "
                    + (isEvent ? "an event" : "readings") + " was sent to " + m.topic(), address.device());
        }
        // A device clock far ahead would put readings into the future, where custody windows and
        // cold-chain verdicts would count them against the wrong time; late envelopes are normal.
        Instant latest = clock.instant().plus(maxClockSkew);
        if (envelope.ts().isAfter(latest)) {
            return CheckedMessage.refused(m, RejectionReason.CLOCK_SKEW, "envelope time " + envelope.ts()
                    + " is more than " + maxClockSkew.toSeconds() + " s ahead of this server's clock ("
                    + clock.instant() + "); check the device's time source", address.device());
        }
        List<Reading> readings = envelope.readings().orElse(List.of());
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).t().isAfter(latest)) {
                return CheckedMessage.refused(m, RejectionReason.CLOCK_SKEW, "readings[" + i + "].t " + readings.get(i).t()
                        + " is more than " + maxClockSkew.toSeconds() + " s ahead of this server's clock ("
                        + clock.instant() + "); check the device's time source", address.device());
            }
        }
        return CheckedMessage.accepted(m, envelope, key.orgId());
    }
}
