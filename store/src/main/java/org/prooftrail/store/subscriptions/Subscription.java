package org.prooftrail.store.subscriptions;

import java.time.Instant;
import org.prooftrail.store.epcis.EventFeed;

/**
 * One webhook subscription to a named query.
 *
 * @param onlyOrg           the organisation whose events it receives, or null for all (a regulator's)
 * @param signatureToken    the client's secret that deliveries are signed with, or null
 * @param scheduleJson      the GS1 query schedule as given, or null for a stream subscription
 * @param initialRecordTime events recorded before it are left out, or null
 * @param cursor            the feed position of the last event put in the outbox
 * @param nextRunAt         when a scheduled subscription runs next, or null
 * @param queryJson         the named query's definition (filled when the subscription is claimed for work)
 */
public record Subscription(String id, String scope, String queryName, String onlyOrg, String dest, String signatureToken,
                           boolean reportIfEmpty, boolean stream, String scheduleJson, Instant initialRecordTime,
                           EventFeed.Position cursor, Instant nextRunAt, String createdBy, Instant createdAt,
                           Instant lastNotifiedAt, String queryJson) {
}
