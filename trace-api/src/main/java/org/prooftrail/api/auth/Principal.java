package org.prooftrail.api.auth;

/**
 * The caller behind a verified token: its subject, role and (for companies) organisation.
 *
 * @param org the organisation a company token is scoped to; null for regulators and admins
 */
public record Principal(String subject, ApiRole role, String org) {

    /** Regulators and admins read across organisations; a company only its own. */
    public boolean mayRead(String orgId) {
        return role != ApiRole.COMPANY || (org != null && org.equals(orgId));
    }

    /** Only a company writes, and only for itself; admins write organisation records elsewhere. */
    public boolean mayWrite(String orgId) {
        return role == ApiRole.COMPANY && org != null && org.equals(orgId);
    }
}
