package org.prooftrail.store.envelopes;

import org.prooftrail.core.envelope.RejectionReason;

/**
 * A refused message, stored as a rejection so nothing disappears silently. {@code deviceId} is the
 * device the message claimed to come from, when known; {@code payload} is the message as received.
 */
public record RefusedMessage(Origin origin, byte[] payload, RejectionReason reason, String detail, String deviceId)
        implements MessageVerdict {
}
