package org.prooftrail.anchor.ledger.rfc3161;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.anchor.ledger.ReceiptCheck;

/**
 * Checks an {@code rfc3161} receipt offline: the token's CMS signature, that it stamps SHA-256 of the
 * signed note, and that the readable evidence fields say what the token says. Without a pinned TSA
 * certificate this proves the token is intact, not which TSA made it; pin the certificate to prove both.
 */
public final class Rfc3161ReceiptCheck implements ReceiptCheck {
    private final TokenCheck tokens;

    /** Trusts the certificate each token carries. */
    public Rfc3161ReceiptCheck() {
        this.tokens = new TokenCheck(null);
    }

    /** @throws IllegalArgumentException when {@code pinnedCertificatePem} is not a PEM certificate */
    public Rfc3161ReceiptCheck(String pinnedCertificatePem) {
        this.tokens = new TokenCheck(TsaCertificates.fromPem(pinnedCertificatePem));
    }

    @Override
    public String problem(String signedNote, Receipt receipt) {
        try {
            return check(signedNote, receipt);
        } catch (RuntimeException e) {
            // Receipts arrive in proof bundles from anywhere; a decoder's surprise is a bad receipt, not a crash.
            return "the receipt could not be checked: " + e;
        }
    }

    private String check(String signedNote, Receipt receipt) {
        if (signedNote == null || receipt == null || receipt.evidence() == null) {
            return "no signed note or no receipt";
        }
        if (!Rfc3161Evidence.LEDGER.equals(receipt.ledger())) {
            return "the receipt is from ledger " + receipt.ledger() + ", not " + Rfc3161Evidence.LEDGER;
        }
        Rfc3161Evidence evidence;
        try {
            evidence = Rfc3161Evidence.from(receipt);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!Sha256.NAME.equals(evidence.hashAlg())) {
            return "the evidence hashAlg is " + evidence.hashAlg() + ", not " + Sha256.NAME;
        }
        TimeStampToken token;
        try {
            token = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(evidence.token())));
        } catch (Exception e) {
            return "the token is not a DER TimeStampToken in base64: " + e.getMessage();
        }
        String problem = tokens.problem(token, Sha256.ofNote(signedNote));
        if (problem != null) {
            return problem;
        }
        return evidenceProblem(evidence, token);
    }

    private String evidenceProblem(Rfc3161Evidence evidence, TimeStampToken token) {
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        try {
            if (!Instant.parse(evidence.genTime()).equals(genTime)) {
                return "the evidence genTime " + evidence.genTime() + " disagrees with the token's " + genTime;
            }
        } catch (DateTimeParseException e) {
            return "the evidence genTime " + evidence.genTime() + " is not an ISO-8601 instant";
        }
        BigInteger serial = token.getTimeStampInfo().getSerialNumber();
        if (!evidence.serial().equals(serial.toString())) {
            return "the evidence serial " + evidence.serial() + " disagrees with the token's " + serial;
        }
        X509CertificateHolder signer = tokens.signer(token);
        String fingerprint = TsaCertificates.sha256Hex(signer);
        if (!evidence.tsaCertSha256().equalsIgnoreCase(fingerprint)) {
            return "the evidence tsaCertSha256 " + evidence.tsaCertSha256() + " disagrees with the token's signer " + fingerprint;
        }
        return null;
    }
}
