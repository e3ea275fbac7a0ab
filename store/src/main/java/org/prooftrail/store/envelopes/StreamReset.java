package org.prooftrail.store.envelopes;

import java.time.Instant;

/**
 * One reset of a device's stream as audited.
 *
 * @param previousFirstSeq lowest seq the old stream had stored (null: it had stored nothing)
 * @param previousMaxSeq   highest seq the old stream had stored; the new stream should continue above it,
 *                         since (device, seq) keeps naming the old stream's envelopes
 * @param previousStored   envelopes the old stream had stored
 */
public record StreamReset(long id, String deviceId, Instant resetAt, String resetBy, String reason,
                          Long previousFirstSeq, Long previousMaxSeq, Long previousStored) {
}
