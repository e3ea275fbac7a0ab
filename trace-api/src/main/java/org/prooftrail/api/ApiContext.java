package org.prooftrail.api;

import io.micrometer.core.instrument.MeterRegistry;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.store.Database;

/**
 * What the API's features are built from.
 *
 * @param settings the whole configuration, for features with settings of their own
 * @param logKey   the log's public key to hand out and check proofs against, or null
 * @param hashAlg  the deployment's Merkle hash (sha256 or sm3)
 * @param db       the primary: every write, and reads that decide one
 * @param reads    where lookups, proofs, queries and traces read (streaming replicas, or the primary)
 */
public record ApiContext(Database db, Settings settings, AuthSettings auth, LogKey logKey, String hashAlg,
                         MeterRegistry metrics, ReadPools reads) {
    /** Every read on the primary. */
    public ApiContext(Database db, Settings settings, AuthSettings auth, LogKey logKey, String hashAlg,
                      MeterRegistry metrics) {
        this(db, settings, auth, logKey, hashAlg, metrics, ReadPools.primaryOnly(db));
    }

    /**
     * The witnesses this deployment trusts and the quorum a checkpoint needs ({@code PT_WITNESSES},
     * {@code PT_WITNESS_QUORUM}, the anchorer's settings): named in evidence documents and proof bundles
     * and checked by the server's proof check.
     */
    public Witnesses witnesses() {
        return Witnesses.from(settings);
    }
}
