package org.prooftrail.store.dispensing;

import java.time.Instant;

/**
 * A sale as stored.
 *
 * @param soldAt     when the seller says it sold the pack
 * @param recordedAt when this server recorded it
 * @param location   the GLN of the pharmacy or hospital
 */
public record RecordedSale(Instant soldAt, Instant recordedAt, String orgId, String orgName, String location) {
}
