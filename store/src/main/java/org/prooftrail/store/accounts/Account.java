package org.prooftrail.store.accounts;

import java.time.Instant;

/** A console account (provisional). */
public record Account(String username, String displayName, String role, String org, String passwordHash,
                      int failedAttempts, Instant lockedUntil, boolean disabled, Instant createdAt, Instant lastSignIn) {
}
