package org.prooftrail.api;

import org.prooftrail.store.Database;

/**
 * Where the API's reads go. Without streaming replicas ({@code PT_DB_READ_URL}) everything is the
 * primary's pool. With them:
 * <ul>
 *   <li>{@link #replica()}: a replica as it stands, for public lookups and proofs, which say "not yet"
 *   (pending, no checkpoint yet) for what the replica has not replayed, and ask the primary about a code
 *   it does not know;</li>
 *   <li>{@link #caughtUp()}: a replica once it has replayed what the primary had when the request came,
 *   else the primary (see {@link Database#caughtUpWith}), for EPCIS queries, traces, excursion reports and
 *   the evidence behind a page: what they answer includes every transaction committed before they were asked.</li>
 * </ul>
 * Writes, and reads that decide a write, always use the primary ({@link ApiContext#db()}).
 */
public record ReadPools(Database replica, Database caughtUp, boolean replicated) {
    /** Every read on the primary. */
    public static ReadPools primaryOnly(Database primary) {
        return new ReadPools(primary, primary, false);
    }
}
