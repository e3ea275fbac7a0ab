package org.prooftrail.core.envelope;

import java.util.Objects;

/**
 * An envelope that was not accepted, with a message precise enough to act on, for example
 * {@code readings[3].hum: 140 is above the maximum 100}. Messages quote at most short excerpts of the
 * input, so they are safe to log.
 */
public record Rejection(RejectionReason reason, String message) implements VerificationResult {
    public Rejection {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(message);
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
