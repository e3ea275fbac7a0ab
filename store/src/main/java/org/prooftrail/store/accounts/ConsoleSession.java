package org.prooftrail.store.accounts;

import java.time.Instant;

/** A signed-in console session, found by the hash of its cookie, with the account as it is now. */
public record ConsoleSession(String username, String csrfToken, Instant expiresAt, Account account) {
}
