package org.prooftrail.store.subscriptions;

import java.time.Instant;

/**
 * One stored named query.
 *
 * @param scope     whose it is: {@code org:<id>} or {@code regulator}
 * @param queryJson the query as the client gave it (GS1 query-schema.json), checked before storing
 */
public record NamedQuery(String scope, String name, String queryJson, String createdBy, Instant createdAt) {
}
