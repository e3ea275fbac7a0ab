package org.prooftrail.store.alerts;

import java.time.Instant;

/**
 * A raised alert as stored.
 *
 * @param details the details object as JSON text
 */
public record Alert(long id, String kind, String subject, String orgId, String details, Instant raisedAt) {
}
