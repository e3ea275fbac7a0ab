package org.prooftrail.anchor.ledger.evm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.prooftrail.anchor.checkpoint.Checkpoint;

/**
 * What goes on chain for one signed note: the checkpoint it carries (tree size and root, so a
 * verifier can find the anchor of a size without the note) and the SHA-256 of the whole note, which
 * binds the origin and the signatures too.
 *
 * <p>The signature is not checked here: the anchorer publishes what it has just signed, and a
 * verifier checks the note's signature with the log key before it trusts any anchor of it.
 */
record AnchoredNote(Checkpoint checkpoint, byte[] noteSha256) {
    static final int ROOT_BYTES = 32;

    /** Parses the first three lines (C2SP tlog-checkpoint: origin, decimal size, base64 root). */
    static AnchoredNote of(String signedNote) {
        if (signedNote == null) {
            throw new IllegalArgumentException("the note is missing");
        }
        String[] lines = signedNote.split("\n", 4);
        if (lines.length < 4) {
            throw new IllegalArgumentException("a checkpoint note has at least origin, size and root lines, each ending in a newline");
        }
        String origin = lines[0];
        if (origin.isEmpty()) {
            throw new IllegalArgumentException("the origin line is empty");
        }
        return new AnchoredNote(new Checkpoint(origin, size(lines[1]), root(lines[2])), sha256(signedNote));
    }

    static byte[] sha256(String signedNote) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(signedNote.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static long size(String line) {
        // C2SP: ASCII decimal, no sign and no leading zeros, so one size has exactly one spelling.
        if (!line.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("the size line must be a decimal number without leading zeros, got '" + excerpt(line) + "'");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the size line is too large: '" + line + "'");
        }
    }

    private static byte[] root(String line) {
        byte[] root;
        try {
            root = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root line is not standard base64: '" + excerpt(line) + "'");
        }
        // The contract stores a bytes32: SHA-256 and SM3 roots are both 32 bytes.
        if (root.length != ROOT_BYTES) {
            throw new IllegalArgumentException("the root must be " + ROOT_BYTES + " bytes, got " + root.length);
        }
        return root;
    }

    private static String excerpt(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
