package org.prooftrail.anchor.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.PrivateKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/**
 * Signed notes and cosignatures against published vectors. The values below are data copied from
 * golang.org/x/mod/sumdb/note/note_test.go (github.com/golang/mod: TestNewVerifier, TestSign, TestOpen)
 * and from the examples in C2SP signed-note.md and tlog-cosignature.md (github.com/C2SP/C2SP).
 */
class NoteConformanceTest {
    // golang.org/x/mod/sumdb/note/note_test.go
    private static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
    // C2SP signed-note.md, "Verifier keys: Example"
    private static final String FOO_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private static final String FOO_NOTE = "This is an example message.\n\n"
            + "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
    // C2SP tlog-cosignature.md, the example checkpoint's cosignature line and its "time" line
    private static final String SPEC_COSIGNATURE = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";
    private static final long SPEC_COSIGNATURE_TIME = 1679315147L;

    @Test
    void keyIdsOfTheVectorsAreRecomputed() {
        for (String vkey : List.of(PETER_VKEY, ENOCH_VKEY, FOO_VKEY)) {
            LogKey key = LogKey.from(VerifierKey.parse(vkey));
            assertEquals(vkey, key.vkey().encode(), "the vkey round-trips with the same key id");
            assertEquals(vkey.split("\\+")[1], HexFormat.of().formatHex(key.keyHash()));
        }
        assertThrows(IllegalArgumentException.class, () -> VerifierKey.parse(PETER_VKEY.replace("c74f20a3", "c74f20a4")));
        VerifierKey unknownAlgorithm = VerifierKey.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        assertThrows(IllegalArgumentException.class, () -> LogKey.from(unknownAlgorithm), "an unknown algorithm byte is refused");
    }

    @Test
    void signingWithTheVectorKeyGivesTheVectorSignature() throws Exception {
        SigningKey peter = ed25519FromGoSkey(PETER_SKEY);
        LogKey key = LogKey.from(VerifierKey.parse(PETER_VKEY));
        assertEquals(key.key(), peter.verifyingKey());
        assertEquals(TEXT + "\n" + PETER_SIG, SignedNote.sign(TEXT, key, peter), "Ed25519 is deterministic: the exact note");
    }

    @Test
    void vectorNotesVerifyAndOthersSignaturesAreIgnored() {
        LogKey peter = LogKey.from(VerifierKey.parse(PETER_VKEY));
        LogKey enoch = LogKey.from(VerifierKey.parse(ENOCH_VKEY));
        String both = TEXT + "\n" + PETER_SIG + ENOCH_SIG;
        assertNull(SignedNote.problem(both, peter));
        assertNull(SignedNote.problem(both, enoch));
        assertNull(SignedNote.problem(FOO_NOTE, LogKey.from(VerifierKey.parse(FOO_VKEY))));
        assertNotNull(SignedNote.problem(TEXT + "\n" + ENOCH_SIG, peter), "no signature by Peter");
        assertNotNull(SignedNote.problem(both.replace("problem,", "problem;"), peter), "altered text");
    }

    @Test
    void theSpecsCosignatureLineReadsAsKeyIdTimestampAndSignature() {
        Cosignature.Line line = Cosignature.parse(SPEC_COSIGNATURE).orElseThrow();
        assertEquals("witness.example.com/w1", line.name());
        assertEquals("8d66cf3f", HexFormat.of().formatHex(line.keyId()));
        assertEquals(SPEC_COSIGNATURE_TIME, line.timestamp(), "the same time as the example's signed message");
        assertEquals(64, line.signature().length, "an Ed25519 signature");
    }

    @Test
    void cosignaturesVerifyOverTheNoteTextAndTimeOnly() throws Exception {
        for (SignatureAlgorithm alg : List.of(SignatureAlgorithm.EdDSA, SignatureAlgorithm.SM2SM3)) {
            SigningKey wkey = SigningKey.generate(alg);
            CosignerKey witness = new CosignerKey("witness.example.com/w1", wkey.verifyingKey());
            String checkpoint = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
            String line = Cosignature.sign(checkpoint, witness, wkey, SPEC_COSIGNATURE_TIME);

            assertEquals(SPEC_COSIGNATURE_TIME, Cosignature.verify(line, witness, checkpoint).orElseThrow());
            assertTrue(Cosignature.verify(line, witness, checkpoint.replace("20852163", "20852164")).isEmpty());
            assertEquals(witness, CosignerKey.parse(witness.vkey().encode()), alg + " vkey round-trips");
            CosignerKey other = new CosignerKey("witness.example.com/w1", SigningKey.generate(alg).verifyingKey());
            assertTrue(Cosignature.verify(line, other, checkpoint).isEmpty());

            String note = checkpoint + "\n\u2014 example.com/behind-the-sofa AAAAAAAA\n" + line;
            WitnessPolicy.Result r = new WitnessPolicy(List.of(witness, other), 1).check(note);
            assertEquals(List.of(witness.name()), r.cosigners());
            assertTrue(r.met());
            assertFalse(new WitnessPolicy(List.of(witness, other), 2).check(note).met());
        }
        // the Ed25519 key id uses type 0x04, not the note type 0x01
        SigningKey k = ed25519FromGoSkey(PETER_SKEY);
        assertEquals(HexFormat.of().formatHex(VerifierKey.keyId("PeterNeumann", concat((byte) 4, k.verifyingKey().raw()))),
                HexFormat.of().formatHex(new CosignerKey("PeterNeumann", k.verifyingKey()).keyId()));
    }

    private static SigningKey ed25519FromGoSkey(String skey) throws Exception {
        byte[] typeAndSeed = Base64.getDecoder().decode(skey.split("\\+", 5)[4]);
        assertEquals(1, typeAndSeed[0], "an Ed25519 key");
        // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): fixed prefix, then the 32 bytes.
        byte[] der = concat(HexFormat.of().parseHex("302e020100300506032b657004220420"), typeAndSeed, 1);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        return PrivateKeys.fromPem(pem);
    }

    private static byte[] concat(byte type, byte[] key) {
        return concat(new byte[] {type}, key, 0);
    }

    private static byte[] concat(byte[] prefix, byte[] tail, int from) {
        byte[] out = new byte[prefix.length + tail.length - from];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(tail, from, out, prefix.length, tail.length - from);
        return out;
    }
}
