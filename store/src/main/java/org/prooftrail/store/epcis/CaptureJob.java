package org.prooftrail.store.epcis;

import java.time.Instant;

/**
 * One EPCIS capture job as stored.
 *
 * @param errorsJson the job's errors as a JSON array (empty while running and on success)
 * @param finishedAt null while running
 * @param chunkId    the chunk holding the captured events, once stored
 * @param abandoned  still marked running after {@link CaptureJobs#ABANDONED_AFTER}: its server stopped
 *                   mid-capture, so nothing of it was stored and it has failed
 */
public record CaptureJob(String id, String orgId, Instant createdAt, Instant finishedAt, boolean running, boolean success,
                         String errorsJson, int eventCount, Long chunkId, boolean abandoned) {
}
