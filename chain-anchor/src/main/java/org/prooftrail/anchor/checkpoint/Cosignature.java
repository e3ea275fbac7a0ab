package org.prooftrail.anchor.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.crypto.SigningKey;

/**
 * C2SP tlog-cosignature v1: a note signature line whose bytes are key id || u64 big-endian timestamp ||
 * signature, the signature taken over {@code "cosignature/v1\ntime <t>\n"} followed by the checkpoint's
 * whole note text (extension lines included). The SM2 variant ({@link CosignerKey#SM2_ID}) signs the
 * same message with SM2-with-SM3.
 */
public final class Cosignature {
    private static final String DASH = "\u2014 ";

    /** One cosignature line, read but not yet checked. */
    public record Line(String name, byte[] keyId, long timestamp, byte[] signature) {
    }

    private Cosignature() {
    }

    /** The message a cosigner signs over a checkpoint's note text. */
    public static byte[] message(String checkpointText, long timestamp) {
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    /** The signature line, ending in a newline. */
    public static String sign(String checkpointText, CosignerKey id, SigningKey key, long timestamp) {
        if (!key.verifyingKey().equals(id.key())) {
            throw new IllegalArgumentException("the signing key is not " + id.name() + "'s");
        }
        if (timestamp <= 0) {
            throw new IllegalArgumentException("a witness cosignature carries its time");
        }
        byte[] sig = key.sign(message(checkpointText, timestamp));
        ByteBuffer blob = ByteBuffer.allocate(4 + 8 + sig.length).put(id.keyId()).putLong(timestamp).put(sig);
        return DASH + id.name() + " " + Base64.getEncoder().encodeToString(blob.array()) + "\n";
    }

    /** Reads a signature line as a cosignature, or empty when it cannot be one (too short, not base64). */
    public static Optional<Line> parse(String line) {
        String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (!l.startsWith(DASH)) {
            return Optional.empty();
        }
        String[] parts = l.substring(DASH.length()).split(" ", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (blob.length < 4 + 8 + 1) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        byte[] keyId = new byte[4];
        b.get(keyId);
        long time = b.getLong();
        return Optional.of(new Line(parts[0], keyId, time, Arrays.copyOfRange(blob, 12, blob.length)));
    }

    /** The timestamp when {@code line} is {@code key}'s valid cosignature over the text, else empty. */
    public static Optional<Long> verify(String line, CosignerKey key, String checkpointText) {
        Optional<Line> parsed = parse(line);
        if (parsed.isEmpty() || !isBy(parsed.get(), key) || parsed.get().timestamp() < 0) {
            return Optional.empty();
        }
        Line p = parsed.get();
        return key.key().verify(message(checkpointText, p.timestamp()), p.signature())
                ? Optional.of(p.timestamp()) : Optional.empty();
    }

    /** True when name and key id are {@code key}'s: only then must the signature be checked. */
    public static boolean isBy(Line line, CosignerKey key) {
        return line.name().equals(key.name()) && Arrays.equals(line.keyId(), key.keyId());
    }

    /** The signature lines of a signed note (after its last blank line), each ending in a newline. */
    public static List<String> signatureLines(String note) {
        String text = SignedNote.text(note);
        List<String> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        for (String l : note.substring(text.length() + 1).split("\n")) {
            if (!l.isEmpty()) {
                lines.add(l + "\n");
            }
        }
        return lines;
    }
}
