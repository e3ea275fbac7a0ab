package org.prooftrail.store.scans;

import java.time.Instant;
import java.util.Set;

/**
 * A code's lookups as written so far (its {@code scan_summary} row), read with the code itself in
 * one statement; {@link ScanLog} adds those not yet written.
 *
 * @param since   the first lookup, null when none was written
 * @param regions the distinct known regions
 */
public record StoredScans(long count, Instant since, Set<String> regions, long afterDispensing) {
    public static final StoredScans NONE = new StoredScans(0, null, Set.of(), 0);

    /** The summary's columns as {@link org.prooftrail.store.journey.CodeIdentity} selects them. */
    public static final String COLUMNS = "ss.lookups, ss.first_at, ss.regions, ss.after_dispensing";
}
