package org.prooftrail.store.scans;

import java.time.Instant;

/**
 * How often a code was looked up, including this lookup.
 *
 * @param regions         distinct known regions it was looked up from
 * @param afterDispensing lookups after the item was dispensed (0 when it was not)
 * @param tooManyRegions  whether {@code regions} reached the configured threshold
 */
public record ScanSummary(long count, Instant since, long regions, long afterDispensing, boolean tooManyRegions) {
}
