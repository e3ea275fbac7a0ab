package org.prooftrail.ingest.verify;

import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.ingest.mqtt.InboundMessage;

/** A message after verification: accepted for storage, or refused with a reason. */
public sealed interface Checked permits Checked.Accepted, Checked.Refused {
    InboundMessage message();

    /** A verified envelope from a registered device of {@code orgId}. */
    record Accepted(InboundMessage message, VerifiedEnvelope envelope, String orgId) implements Checked {
    }

    /** Refused; {@code deviceId} is the device the message claimed to come from, when known. */
    record Refused(InboundMessage message, RejectionReason reason, String detail, String deviceId) implements Checked {
    }
}
