package org.prooftrail.anchor.witness;

import java.net.URI;
import org.prooftrail.anchor.checkpoint.CosignerKey;

/**
 * A witness as the anchorer knows it: where to submit checkpoints (the submission prefix), its key,
 * and the name people know it by ("Provincial Drug Administration"), which pages and proof bundles
 * show. The key name cannot hold spaces, so the display name is a separate label; it is the key name
 * when none is configured. It is never part of what is signed or checked.
 */
public record WitnessEndpoint(URI submissionPrefix, CosignerKey key, String displayName) {
    public WitnessEndpoint {
        displayName = displayName == null || displayName.isBlank() ? key.name() : displayName.strip();
    }

    public WitnessEndpoint(URI submissionPrefix, CosignerKey key) {
        this(submissionPrefix, key, null);
    }

    public URI addCheckpoint() {
        String base = submissionPrefix.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
    }

    public String name() {
        return key.name();
    }
}
