package org.prooftrail.api.console;

import org.prooftrail.api.auth.ApiRole;

/**
 * The person signed in to the console: their account, role and (for a company) organisation, and the
 * token every form of their session must carry back (CSRF).
 */
public record ConsoleUser(String username, String displayName, ApiRole role, String org, String csrfToken) {
}
