package org.prooftrail.store.envelopes;

import org.prooftrail.core.envelope.VerifiedEnvelope;

/**
 * A verified envelope from a registered device of {@code orgId}, ready for the writer, whatever
 * transport brought it.
 */
public record AcceptedEnvelope(VerifiedEnvelope envelope, String orgId, Origin origin) implements MessageVerdict {
}
