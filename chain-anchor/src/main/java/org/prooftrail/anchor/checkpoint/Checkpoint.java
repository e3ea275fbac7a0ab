package org.prooftrail.anchor.checkpoint;

import java.util.Base64;

/**
 * A checkpoint of the global log in the C2SP tlog-checkpoint format: origin line, tree size, and
 * the base64 root hash, each ending in a newline. {@link #body()} is the exact text that is signed.
 */
public record Checkpoint(String origin, long size, byte[] root) {
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /**
     * The body with one extension line naming the previous checkpoint's note hash, so that the
     * journal's chain is covered by each checkpoint's own signature.
     */
    public String body(byte[] previousNoteHash) {
        return previousNoteHash == null ? body()
                : body() + "prev " + Base64.getEncoder().encodeToString(previousNoteHash) + "\n";
    }
}
