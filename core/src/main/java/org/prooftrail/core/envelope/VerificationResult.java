package org.prooftrail.core.envelope;

/** What {@link EnvelopeVerifier#verify} returns: bad input is a value, never an exception. */
public sealed interface VerificationResult permits VerifiedEnvelope, Rejection {
}
