package org.prooftrail.store.accounts;

import java.time.Instant;

/**
 * A console account. {@code role} is the claim string the API's tokens carry ("company", "regulator",
 * "admin"); {@code org} is the organisation of a company account and null for the others.
 * {@code lockedUntil} and {@code lastSignIn} may be null. {@code passwordHash} is for the sign-in to verify
 * and never leaves the server.
 */
public record Account(String username, String displayName, String role, String org, String passwordHash,
                      int failedAttempts, Instant lockedUntil, boolean disabled, Instant createdAt,
                      Instant lastSignIn) {

    /** Whether the account is locked at {@code now}: a lock-out that has not run out yet. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
