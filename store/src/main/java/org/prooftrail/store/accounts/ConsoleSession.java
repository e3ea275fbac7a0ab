package org.prooftrail.store.accounts;

import java.time.Instant;

/** A live console session with its account (provisional). */
public record ConsoleSession(String username, String csrfToken, Instant expiresAt, Account account) {
}
