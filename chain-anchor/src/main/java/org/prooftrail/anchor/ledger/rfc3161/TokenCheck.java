package org.prooftrail.anchor.ledger.rfc3161;

import java.security.MessageDigest;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Whether a timestamp token is a valid SHA-256 stamp of given bytes. Publishing and offline checking
 * share it so that a receipt is accepted later by exactly the rules it was accepted by at first.
 */
final class TokenCheck {
    /** Null: trust whichever certificate the token carries (this proves integrity, not who stamped). */
    private final X509CertificateHolder pinned;

    TokenCheck(X509CertificateHolder pinned) {
        this.pinned = pinned;
    }

    /** The certificate a token that passed {@link #problem} was signed with. */
    X509CertificateHolder signer(TimeStampToken token) {
        X509CertificateHolder carried = TsaCertificates.carriedBy(token);
        return carried != null ? carried : pinned;
    }

    /** Null when the token is a good stamp of {@code imprint}, otherwise what is wrong with it. */
    String problem(TimeStampToken token, byte[] imprint) {
        try {
            return check(token, imprint);
        } catch (RuntimeException e) {
            // A TSA's certificate or token can be malformed in ways BouncyCastle reports unchecked.
            return "the token could not be read: " + e;
        }
    }

    private String check(TimeStampToken token, byte[] imprint) {
        X509CertificateHolder carried = TsaCertificates.carriedBy(token);
        if (carried == null && pinned == null) {
            return "the token carries no TSA certificate and none is pinned";
        }
        if (carried != null && pinned != null && !carried.equals(pinned)) {
            return "the token is signed with certificate sha256=" + TsaCertificates.sha256Hex(carried)
                    + ", not the pinned TSA certificate sha256=" + TsaCertificates.sha256Hex(pinned);
        }
        X509CertificateHolder signer = carried != null ? carried : pinned;
        if (!TsaCertificates.mayStampTime(signer)) {
            return "the TSA certificate sha256=" + TsaCertificates.sha256Hex(signer)
                    + " lacks the critical timeStamping extended key usage";
        }
        String signature = signatureProblem(token, signer);
        if (signature != null) {
            return "bad token signature: " + signature;
        }
        // Only after the signature holds is the content worth reading.
        TimeStampTokenInfo info = token.getTimeStampInfo();
        if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
            return "the token imprint uses hash algorithm " + info.getMessageImprintAlgOID() + ", not SHA-256";
        }
        if (!MessageDigest.isEqual(info.getMessageImprintDigest(), imprint)) {
            return "imprint mismatch: the token stamps " + Sha256.hex(info.getMessageImprintDigest())
                    + ", the note hashes to " + Sha256.hex(imprint);
        }
        return null;
    }

    /**
     * BouncyCastle's validate checks the CMS signature, that the signed ESSCertID names this very
     * certificate, and that the certificate was valid at genTime.
     */
    private static String signatureProblem(TimeStampToken token, X509CertificateHolder signer) {
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
            return null;
        } catch (Exception e) {
            // Verification failures come in several exception types; all mean the same to the caller.
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
    }
}
