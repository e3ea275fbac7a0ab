package org.prooftrail.anchor.ledger.rfc3161;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collection;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** The TSA certificates a token is judged by: the one it carries and one an operator may pin. */
final class TsaCertificates {
    private TsaCertificates() {
    }

    /** A pinned certificate from configuration; a wrong value must stop start-up, hence the unchecked exception. */
    static X509CertificateHolder fromPem(String pem) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("pinned TSA certificate: unreadable PEM: " + e.getMessage(), e);
        }
        if (object == null || !"CERTIFICATE".equals(object.getType())) {
            throw new IllegalArgumentException("pinned TSA certificate: expected a -----BEGIN CERTIFICATE----- block");
        }
        try {
            return new X509CertificateHolder(object.getContent());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("pinned TSA certificate: not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The certificate the token names as its signer, if the token carries it; null otherwise. */
    static X509CertificateHolder carriedBy(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        return matches.isEmpty() ? null : matches.iterator().next();
    }

    /** RFC 3161 §2.3: a TSA signs with a certificate whose (critical) extended key usage is timeStamping. */
    static boolean mayStampTime(X509CertificateHolder certificate) {
        Extension extension = certificate.getExtension(Extension.extendedKeyUsage);
        if (extension == null || !extension.isCritical()) {
            return false;
        }
        return ExtendedKeyUsage.getInstance(extension.getParsedValue()).hasKeyPurposeId(KeyPurposeId.id_kp_timeStamping);
    }

    /** The fingerprint operators compare when they pin a TSA (the same as {@code openssl x509 -fingerprint -sha256}). */
    static String sha256Hex(X509CertificateHolder certificate) {
        try {
            return Sha256.hex(Sha256.of(certificate.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException("a parsed certificate can always be re-encoded", e);
        }
    }
}
