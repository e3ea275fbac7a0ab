package org.prooftrail.store.dispensing;

import java.time.Instant;

/**
 * A sale a pharmacy or hospital reports.
 *
 * @param soldAt   the time it states; null means now
 * @param orgId    the selling organisation
 * @param location the GLN where it sold the pack
 */
public record Sale(Instant soldAt, String orgId, String location) {
}
