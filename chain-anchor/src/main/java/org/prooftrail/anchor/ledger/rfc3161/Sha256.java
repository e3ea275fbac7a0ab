package org.prooftrail.anchor.ledger.rfc3161;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one hash this ledger stamps with: SHA-256 over the exact UTF-8 bytes of the signed note. */
final class Sha256 {
    static final String NAME = "SHA-256";

    private Sha256() {
    }

    static byte[] ofNote(String signedNote) {
        return of(signedNote.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] of(byte[] data) {
        try {
            return MessageDigest.getInstance(NAME).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
