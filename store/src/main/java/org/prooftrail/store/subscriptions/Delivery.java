package org.prooftrail.store.subscriptions;

/** One query document in the outbox, waiting for its subscription's receiver. */
public record Delivery(long id, String subscriptionId, String body, int eventCount, int attempts) {
}
