package org.prooftrail.ingest.verify;

import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.MessageVerdict;
import org.prooftrail.store.envelopes.Origin;
import org.prooftrail.store.envelopes.RefusedMessage;

/**
 * A message after verification: the verdict the store writes (accepted envelope or refusal), kept
 * with the MQTT message it came in, which is acknowledged once the verdict is committed.
 */
public record CheckedMessage(InboundMessage message, MessageVerdict verdict) {
    /** A verified envelope from a registered device of {@code orgId}. */
    public static CheckedMessage accepted(InboundMessage m, VerifiedEnvelope envelope, String orgId) {
        return new CheckedMessage(m, new AcceptedEnvelope(envelope, orgId, origin(m)));
    }

    /** Refused; {@code deviceId} is the device the message claimed to come from, when known. */
    public static CheckedMessage refused(InboundMessage m, RejectionReason reason, String detail, String deviceId) {
        return new CheckedMessage(m, new RefusedMessage(origin(m), m.payload(), reason, detail, deviceId));
    }

    private static Origin origin(InboundMessage m) {
        return new Origin.MqttTopic(m.topic());
    }
}
