package org.prooftrail.store.registry;

import java.time.Instant;

/**
 * An owner organisation's grant to another organisation to write about its goods: all its products
 * ({@code gtin} null), one product ({@code lot} null) or one lot.
 *
 * @param revokedAt null while the grant stands
 */
public record WriteGrant(long id, String owner, String grantee, String gtin, String lot, Instant grantedAt,
                         Instant revokedAt) {
}
