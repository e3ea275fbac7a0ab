package org.prooftrail.anchor.checkpoint;

import java.util.Base64;

/** Reads the checkpoint out of a signed note's text (origin, size, root; extension lines ignored). */
public final class Checkpoints {
    private Checkpoints() {
    }

    /** @throws IllegalArgumentException naming what is malformed */
    public static Checkpoint parse(String note) {
        String text = SignedNote.text(note);
        String body = text != null ? text : note;
        String[] lines = body.split("\n", -1);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size and a root line");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("checkpoint size '" + lines[1] + "' is not a decimal number");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint root is not base64");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }
}
