package org.prooftrail.anchor.ledger.rfc3161;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.ledger.Receipt;

/** The offline check, on a receipt from a real TSA process and on every way of spoiling it. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Rfc3161ReceiptCheckTest {
    private static final String NOTE = Rfc3161LedgerTest.signedNote(7);
    private static final Rfc3161ReceiptCheck CHECK = new Rfc3161ReceiptCheck();

    @TempDir
    static Path dir;
    private static TsaProcess tsa;
    private static Receipt receipt;

    @BeforeAll
    static void stampOneNote() throws Exception {
        tsa = TsaProcess.start(dir);
        receipt = new Rfc3161Ledger(tsa.url(), Duration.ofSeconds(5)).publish(NOTE);
    }

    @AfterAll
    static void stopTsa() throws Exception {
        if (tsa != null) {
            tsa.close();
        }
    }

    @Test
    void theReceiptCoversItsNote() {
        assertNull(CHECK.problem(NOTE, receipt));
    }

    @Test
    void anotherNoteFailsNamingTheImprint() {
        String problem = CHECK.problem(Rfc3161LedgerTest.signedNote(8), receipt);
        assertNotNull(problem);
        assertTrue(problem.contains("imprint"), problem);
        assertNotNull(CHECK.problem(NOTE + " ", receipt), "one more byte");
    }

    /** Every byte of the stamped content (the TSTInfo) is covered by the signature. */
    @Test
    void everyFlippedByteOfTheStampedContentFails() throws Exception {
        byte[] token = token();
        byte[] tstInfo = new TimeStampToken(new CMSSignedData(token)).getTimeStampInfo().getEncoded();
        int start = indexOf(token, tstInfo);
        assertTrue(start > 0, "the TSTInfo is inside the token");
        for (int i = start; i < start + tstInfo.length; i++) {
            assertNotNull(CHECK.problem(NOTE, withToken(flip(token, i))), "byte " + i);
        }
    }

    @Test
    void aFlippedSignatureByteFails() {
        byte[] token = token();
        // DER puts the SignerInfo's signature last (the test TSA adds no unsigned attributes).
        String problem = CHECK.problem(NOTE, withToken(flip(token, token.length - 1)));
        assertNotNull(problem);
        assertTrue(problem.startsWith("bad token signature"), problem);
    }

    @Test
    void aPinnedWrongCertificateFails() {
        String other = TsaIdentity.generate("another TSA", true).certificatePem();
        String problem = new Rfc3161ReceiptCheck(other).problem(NOTE, receipt);
        assertNotNull(problem);
        assertTrue(problem.contains("not the pinned TSA certificate"), problem);
        assertNull(new Rfc3161ReceiptCheck(tsa.certificatePem()).problem(NOTE, receipt));
    }

    @Test
    void evidenceThatDisagreesWithTheTokenFails() {
        Instant genTime = Instant.parse((String) receipt.evidence().get("genTime"));
        assertTrue(CHECK.problem(NOTE, with("genTime", genTime.plusSeconds(1).toString())).contains("genTime"));
        assertTrue(CHECK.problem(NOTE, with("genTime", "yesterday")).contains("genTime"));
        assertTrue(CHECK.problem(NOTE, with("serial", "999999")).contains("serial"));
        assertTrue(CHECK.problem(NOTE, with("tsaCertSha256", "00".repeat(32))).contains("tsaCertSha256"));
        assertTrue(CHECK.problem(NOTE, with("hashAlg", "SHA-1")).contains("hashAlg"));
    }

    @Test
    void badInputIsAReasonNotAnException() {
        assertNotNull(CHECK.problem(null, receipt));
        assertNotNull(CHECK.problem(NOTE, null));
        assertTrue(CHECK.problem(NOTE, new Receipt("evm", receipt.evidence())).contains("evm"));
        Map<String, Object> missing = new HashMap<>(receipt.evidence());
        missing.remove("token");
        assertTrue(CHECK.problem(NOTE, new Receipt("rfc3161", missing)).contains("token"));
        assertTrue(CHECK.problem(NOTE, with("serial", 17)).contains("serial"));
        assertNotNull(CHECK.problem(NOTE, with("token", "not base64 !")));
        assertNotNull(CHECK.problem(NOTE, with("token", "")));
        assertNotNull(CHECK.problem(NOTE, withToken("hello".getBytes(StandardCharsets.UTF_8))));
        assertNotNull(CHECK.problem(NOTE, withToken(Arrays.copyOf(token(), 100))));
    }

    private static byte[] token() {
        return Base64.getDecoder().decode((String) receipt.evidence().get("token"));
    }

    private static Receipt withToken(byte[] token) {
        return with("token", Base64.getEncoder().encodeToString(token));
    }

    private static Receipt with(String key, Object value) {
        Map<String, Object> evidence = new HashMap<>(receipt.evidence());
        evidence.put(key, value);
        return new Receipt(receipt.ledger(), evidence);
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
