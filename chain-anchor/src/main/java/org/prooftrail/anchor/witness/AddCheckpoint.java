package org.prooftrail.anchor.witness;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code "old <size>"}, up to 63
 * consistency proof lines (base64 hashes), a blank line, then the signed checkpoint. The client
 * (the anchorer) writes it with {@link #body()}, the witness reads it with {@link #parse}.
 */
public record AddCheckpoint(long oldSize, List<byte[]> proof, String checkpoint) {
    public static final int MAX_PROOF_LINES = 63;

    public AddCheckpoint {
        proof = List.copyOf(proof);
    }

    public String body() {
        StringBuilder b = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] h : proof) {
            b.append(Base64.getEncoder().encodeToString(h)).append('\n');
        }
        return b.append('\n').append(checkpoint).toString();
    }

    /** @throws IllegalArgumentException naming what is malformed (the witness answers 400) */
    public static AddCheckpoint parse(String body) {
        int blank = body.indexOf("\n\n");
        if (blank < 0) {
            throw new IllegalArgumentException("no blank line between the proof and the checkpoint");
        }
        String[] head = body.substring(0, blank).split("\n", -1);
        if (!head[0].matches("old (0|[1-9][0-9]{0,18})")) {
            throw new IllegalArgumentException("the first line must be 'old <size>' in decimal without leading zeroes");
        }
        long old = Long.parseLong(head[0].substring(4));
        if (head.length - 1 > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " consistency proof lines");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
            try {
                proof.add(Base64.getDecoder().decode(head[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("consistency proof line " + i + " is not base64");
            }
        }
        String checkpoint = body.substring(blank + 2);
        if (checkpoint.isEmpty() || !checkpoint.endsWith("\n")) {
            throw new IllegalArgumentException("the checkpoint is missing or does not end in a newline");
        }
        return new AddCheckpoint(old, proof, checkpoint);
    }
}
