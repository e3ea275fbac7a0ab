package org.prooftrail.anchor.ledger.rfc3161;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;

/** The ledger against a real TSA process. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Rfc3161LedgerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String NOTE = signedNote(42);

    @TempDir
    static Path dir;
    private static TsaProcess tsa;

    @BeforeAll
    static void startTsa() throws Exception {
        tsa = TsaProcess.start(dir);
    }

    @AfterAll
    static void stopTsa() throws Exception {
        if (tsa != null) {
            tsa.close();
        }
    }

    @Test
    void publishReturnsAReceiptTheCheckAccepts() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Receipt receipt = new Rfc3161Ledger(tsa.url(), TIMEOUT).publish(NOTE);

        assertEquals("rfc3161", receipt.ledger());
        assertEquals(tsa.url().toString(), receipt.evidence().get("tsa"));
        assertEquals("SHA-256", receipt.evidence().get("hashAlg"));
        assertEquals(tsa.certificateSha256(), receipt.evidence().get("tsaCertSha256"));
        Instant genTime = Instant.parse((String) receipt.evidence().get("genTime"));
        assertTrue(!genTime.isBefore(before) && !genTime.isAfter(Instant.now().plusSeconds(1)), "genTime " + genTime);
        assertTrue(new BigInteger((String) receipt.evidence().get("serial")).signum() > 0);
        assertTrue(Base64.getDecoder().decode((String) receipt.evidence().get("token")).length > 0);

        assertNull(new Rfc3161ReceiptCheck().problem(NOTE, receipt));
        assertNull(new Rfc3161ReceiptCheck(tsa.certificatePem()).problem(NOTE, receipt), "with the TSA's certificate pinned");
    }

    @Test
    void serialNumbersIncrease() throws Exception {
        Rfc3161Ledger ledger = new Rfc3161Ledger(tsa.url(), TIMEOUT);
        BigInteger first = new BigInteger((String) ledger.publish(signedNote(1)).evidence().get("serial"));
        BigInteger second = new BigInteger((String) ledger.publish(signedNote(2)).evidence().get("serial"));
        assertTrue(second.compareTo(first) > 0, first + " then " + second);
    }

    @Test
    void pinnedTsaCertificateIsAccepted() throws Exception {
        Receipt receipt = new Rfc3161Ledger(tsa.url(), TIMEOUT, tsa.certificatePem()).publish(NOTE);
        assertNull(new Rfc3161ReceiptCheck(tsa.certificatePem()).problem(NOTE, receipt));
    }

    @Test
    void pinnedWrongCertificateFails() {
        String other = TsaIdentity.generate("another TSA", true).certificatePem();
        LedgerException e = assertThrows(LedgerException.class,
                () -> new Rfc3161Ledger(tsa.url(), TIMEOUT, other).publish(NOTE));
        assertTrue(e.getMessage().contains("not the pinned TSA certificate"), e.getMessage());
    }

    @Test
    void nothingListeningNamesTheUrl() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + freePort() + "/tsa");
        LedgerException e = assertThrows(LedgerException.class, () -> new Rfc3161Ledger(closed, TIMEOUT).publish(NOTE));
        assertTrue(e.getMessage().contains(closed.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void httpErrorFails() {
        URI failing = tsa.url("http-500/");
        LedgerException e = assertThrows(LedgerException.class, () -> new Rfc3161Ledger(failing, TIMEOUT).publish(NOTE));
        assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains(failing.toString()), e.getMessage());
    }

    @Test
    void rejectionCarriesTheTsaStatus() {
        LedgerException e = assertThrows(LedgerException.class,
                () -> new Rfc3161Ledger(tsa.url("sha512-only/"), TIMEOUT).publish(NOTE));
        assertTrue(e.getMessage().contains("rejected the request: status rejection, failInfo badAlg"), e.getMessage());
    }

    @Test
    void aTokenForAnotherImprintFails() {
        LedgerException e = assertThrows(LedgerException.class,
                () -> new Rfc3161Ledger(tsa.url("wrong-imprint/"), TIMEOUT).publish(NOTE));
        assertTrue(e.getMessage().contains("imprint mismatch"), e.getMessage());
    }

    /** The test TSA itself: a hash it does not know is refused the way RFC 3161 says. */
    @Test
    void theTestTsaRejectsAnUnknownHashAlgorithm() throws Exception {
        TimeStampRequest sha1 = new TimeStampRequestGenerator()
                .generate(OIWObjectIdentifiers.idSHA1, new byte[20], BigInteger.ONE);
        TimeStampResponse response = new TimeStampResponse(new TsaClient(tsa.url(), TIMEOUT).exchange(sha1.getEncoded()));
        assertEquals(PKIStatus.REJECTION, response.getStatus());
        assertTrue(TsaStatus.describe(response).startsWith("status rejection, failInfo badAlg"), TsaStatus.describe(response));
    }

    @Test
    void configurationIsCheckedAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Rfc3161Ledger(URI.create("ftp://tsa.example/"), TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new Rfc3161Ledger(tsa.url(), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Rfc3161Ledger(tsa.url(), TIMEOUT, "not a PEM"));
        assertEquals("rfc3161", new Rfc3161Ledger(tsa.url(), TIMEOUT).name());
    }

    static String signedNote(long size) {
        String body = new Checkpoint("prooftrail.example/log", size, Sha256.of(new byte[] {(byte) size})).body();
        return body + "\n\u2014 prooftrail.example/log AAAAAQ==\n";
    }

    /** A port that was free a moment ago; nothing of ours listens there. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
