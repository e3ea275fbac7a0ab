package org.prooftrail.store.registry;

import java.time.Instant;
import java.util.List;

/**
 * An owner organisation's share of its events about one product ({@code lot} null) or one lot with a
 * partner organisation (docs/custody.md, "Shares").
 *
 * @param fields    the top-level event members whose disclosures the partner sees; null: all of them
 * @param expiresAt null: until revoked
 * @param revokedAt null while the share stands
 */
public record Share(long id, String owner, String grantee, String gtin, String lot, List<String> fields,
                    Instant expiresAt, Instant grantedAt, Instant revokedAt) {
}
