package org.prooftrail.core.envelope;

/**
 * The bytes are not a JWS compact serialization that ProofTrail accepts. Thrown by {@link Jws#parse}
 * and turned into a {@link Rejection} by {@link EnvelopeVerifier}; carries no stack trace because
 * it describes input, not a fault, and hostile input may produce many.
 */
public final class MalformedJwsException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJwsException(String message) {
        super(message, null, false, false);
    }
}
