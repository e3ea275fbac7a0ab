package org.prooftrail.anchor.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;

class SignedNoteTest {
    private static final String ORIGIN = "trace.example.org/log";

    @Test
    void ed25519AndSm2CheckpointsSignParseAndVerify() {
        for (SignatureAlgorithm alg : new SignatureAlgorithm[] {SignatureAlgorithm.EdDSA, SignatureAlgorithm.SM2SM3}) {
            SigningKey key = SigningKey.generate(alg);
            LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());
            MerkleHasher hasher = alg == SignatureAlgorithm.SM2SM3 ? MerkleHasher.sm3() : MerkleHasher.sha256();
            byte[] root = hasher.hashLeaf(new byte[] {1});
            byte[] prev = hasher.hashLeaf(new byte[] {2});
            String note = SignedNote.sign(new Checkpoint(ORIGIN, 42, root).body(prev), logKey, key);

            assertNull(SignedNote.problem(note, logKey), alg + " note verifies");
            Checkpoint parsed = Checkpoints.parse(note);
            assertEquals(ORIGIN, parsed.origin());
            assertEquals(42, parsed.size());
            assertArrayEquals(root, parsed.root());
            assertTrue(note.contains("\nprev " + Base64.getEncoder().encodeToString(prev) + "\n\n\u2014 " + ORIGIN + " "));
            assertEquals(alg == SignatureAlgorithm.SM2SM3 ? LogKey.TYPE_SM2 : LogKey.TYPE_ED25519, logKey.type());
        }
    }

    @Test
    void alteredNotesAndOtherKeysAreRefusedWithAReason() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());
        String note = SignedNote.sign(new Checkpoint(ORIGIN, 7, new byte[32]).body(), logKey, key);

        String altered = note.replace("\n7\n", "\n8\n");
        assertTrue(SignedNote.problem(altered, logKey).contains("does not verify"));

        LogKey other = new LogKey(ORIGIN, SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey());
        assertTrue(SignedNote.problem(note, other).contains("key hash differs"));

        LogKey otherName = new LogKey("other.example/log", key.verifyingKey());
        assertTrue(SignedNote.problem(note, otherName).contains("no signature by other.example/log"));

        assertNotNull(SignedNote.problem("no blank line", logKey));
        assertThrows(IllegalArgumentException.class, () -> Checkpoints.parse("origin\nnot-a-number\nAAAA\n"));
        assertThrows(IllegalArgumentException.class, () -> new LogKey("has space", key.verifyingKey()));
    }

    @Test
    void keyHashFollowsTheSignedNoteFormat() throws Exception {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
        LogKey logKey = new LogKey(ORIGIN, key.verifyingKey());
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        sha.update((ORIGIN + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0x01);
        sha.update(key.verifyingKey().raw());
        assertArrayEquals(java.util.Arrays.copyOf(sha.digest(), 4), logKey.keyHash());
    }
}
