package org.prooftrail.core.merkle;

import java.util.Objects;

/**
 * Outcome of checking a proof. A value rather than an exception because a bad proof from a remote log is
 * an expected answer, not a programming error; {@code reason} says exactly what did not hold.
 */
public record Verification(boolean ok, String reason) {

    private static final Verification SUCCESS = new Verification(true, "verified");

    public Verification {
        Objects.requireNonNull(reason, "reason");
    }

    public static Verification success() {
        return SUCCESS;
    }

    public static Verification failure(String reason) {
        return new Verification(false, reason);
    }
}
