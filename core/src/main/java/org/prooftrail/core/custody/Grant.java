package org.prooftrail.core.custody;

import java.time.Instant;

/**
 * The owner's grant to {@code grantee} to write about goods it covers.
 *
 * @param revokedAt null while it stands
 */
public record Grant(String grantee, Instant revokedAt) {
    /** Whether it lets {@code org} write what was stored at {@code stored}: before the revocation. */
    public boolean covers(String org, Instant stored) {
        return grantee.equals(org) && (revokedAt == null || stored.isBefore(revokedAt));
    }
}
