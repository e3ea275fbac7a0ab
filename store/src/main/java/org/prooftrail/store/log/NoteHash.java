package org.prooftrail.store.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What each checkpoint names as its predecessor (the {@code prev_hash} column): SHA-256 of the previous signed note. */
public final class NoteHash {
    private NoteHash() {
    }

    public static byte[] of(String note) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(note.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
