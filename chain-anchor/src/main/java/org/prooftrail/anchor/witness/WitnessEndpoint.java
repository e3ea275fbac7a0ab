package org.prooftrail.anchor.witness;

import java.net.URI;
import org.prooftrail.anchor.checkpoint.CosignerKey;

/** A witness as the anchorer knows it: where to submit checkpoints (the submission prefix) and its key. */
public record WitnessEndpoint(URI submissionPrefix, CosignerKey key) {
    public URI addCheckpoint() {
        String base = submissionPrefix.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
    }

    public String name() {
        return key.name();
    }
}
