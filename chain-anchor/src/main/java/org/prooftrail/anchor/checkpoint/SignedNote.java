package org.prooftrail.anchor.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.prooftrail.core.crypto.SigningKey;

/**
 * C2SP signed notes: the text, a blank line, then one line per signature,
 * {@code "\u2014 <name> <base64(keyhash || signature)>"}. Signing and checking live together so the
 * two cannot drift apart.
 */
public final class SignedNote {
    private static final String DASH = "\u2014 ";

    private SignedNote() {
    }

    public static String sign(String text, LogKey logKey, SigningKey key) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("note text must end with a newline");
        }
        byte[] sig = key.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + sig.length];
        System.arraycopy(logKey.keyHash(), 0, blob, 0, 4);
        System.arraycopy(sig, 0, blob, 4, sig.length);
        return text + "\n" + DASH + logKey.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** The signed text of a note (everything before the blank line), or null when it is not a note. */
    public static String text(String note) {
        int split = note.lastIndexOf("\n\n");
        return split < 0 ? null : note.substring(0, split + 1);
    }

    /** Null when {@code logKey} signed this note, otherwise why not. */
    public static String problem(String note, LogKey logKey) {
        String text = text(note);
        if (text == null) {
            return "not a signed note: no blank line before the signatures";
        }
        List<String> lines = new ArrayList<>(List.of(note.substring(text.length() + 1).split("\n")));
        boolean sawName = false;
        for (String line : lines) {
            if (!line.startsWith(DASH)) {
                return "malformed signature line '" + line + "'";
            }
            String[] parts = line.substring(DASH.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(logKey.name())) {
                continue;
            }
            sawName = true;
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                return "signature of " + logKey.name() + " is not base64";
            }
            if (blob.length < 5 || !Arrays.equals(Arrays.copyOf(blob, 4), logKey.keyHash())) {
                continue; // another key of the same name
            }
            byte[] sig = Arrays.copyOfRange(blob, 4, blob.length);
            return logKey.key().verify(text.getBytes(StandardCharsets.UTF_8), sig)
                    ? null : "the signature of " + logKey.name() + " does not verify: the note was altered or signed by another key";
        }
        return sawName ? "no signature by this log key (key hash differs): signed by another key named " + logKey.name()
                : "no signature by " + logKey.name();
    }
}
