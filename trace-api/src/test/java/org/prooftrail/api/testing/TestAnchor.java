package org.prooftrail.api.testing;

import org.prooftrail.anchor.AnchorStep;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.Database;

/** A test log key and the anchoring step run once on demand with it ({@link AnchorStep#once}). */
public final class TestAnchor {
    public static final String ORIGIN = "prooftrail.test/log";
    private final SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());

    public LogKey logKey() {
        return logKey;
    }

    /** @return the new tree size */
    public long checkpoint(Database db) throws Exception {
        return AnchorStep.once(db.dataSource(), ORIGIN, key, "sha256");
    }
}
