package org.prooftrail.core.crypto;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Reads and writes public keys: PEM ({@code PUBLIC KEY}, i.e. X.509 SubjectPublicKeyInfo), DER,
 * raw bytes, and, through {@link Jwk}, JWK. The algorithm comes from the key itself: Ed25519 by its
 * OID (RFC 8410), P-256 and SM2 as EC keys told apart by their named curve (secp256r1 or sm2p256v1).
 */
public final class PublicKeys {
    static final String PEM_LABEL = "PUBLIC KEY";

    private PublicKeys() {
    }

    /** A key given either as PEM or as a JWK object, whichever {@code text} is. */
    public static VerifyingKey parse(String text) throws KeyFormatException {
        String trimmed = text.strip();
        return trimmed.startsWith("{") ? Jwk.parse(trimmed) : fromPem(trimmed);
    }

    public static VerifyingKey fromPem(String pem) throws KeyFormatException {
        return fromSpki(Pem.read(pem, PEM_LABEL).getContent());
    }

    /** From DER-encoded SubjectPublicKeyInfo. */
    public static VerifyingKey fromSpki(byte[] der) throws KeyFormatException {
        SubjectPublicKeyInfo spki;
        byte[] keyBytes;
        try {
            spki = SubjectPublicKeyInfo.getInstance(der);
            keyBytes = spki.getPublicKeyData().getOctets();
        } catch (RuntimeException e) {
            throw new KeyFormatException("not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        return fromRaw(algorithmOf(spki.getAlgorithm()), keyBytes);
    }

    /**
     * From the raw public key: 32 bytes for EdDSA; for ES256 and SM2SM3 a SEC 1 point, uncompressed
     * (65 bytes) or compressed (33 bytes). EC points are checked to lie on the curve.
     */
    public static VerifyingKey fromRaw(SignatureAlgorithm algorithm, byte[] raw) throws KeyFormatException {
        if (algorithm == SignatureAlgorithm.EdDSA) {
            if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new KeyFormatException("an Ed25519 public key is 32 bytes, not " + raw.length);
            }
            try {
                return new VerifyingKey(algorithm, new Ed25519PublicKeyParameters(raw));
            } catch (RuntimeException e) {
                throw new KeyFormatException("not a valid Ed25519 public key: " + e.getMessage(), e);
            }
        }
        ECNamedDomainParameters domain = Curves.of(algorithm);
        try {
            return new VerifyingKey(algorithm, new ECPublicKeyParameters(domain.getCurve().decodePoint(raw), domain));
        } catch (RuntimeException e) {
            throw new KeyFormatException("not a valid point on " + curveName(algorithm) + ": " + e.getMessage(), e);
        }
    }

    public static String toPem(VerifyingKey key) {
        return Pem.write(PEM_LABEL, toSpki(key));
    }

    /** DER-encoded SubjectPublicKeyInfo, with a named curve for EC keys. */
    public static byte[] toSpki(VerifyingKey key) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.parameters()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a valid public key cannot fail", e);
        }
    }

    static SignatureAlgorithm algorithmOf(AlgorithmIdentifier id) throws KeyFormatException {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            return SignatureAlgorithm.EdDSA;
        }
        // Some SM2 tools put the curve OID where the key-type OID belongs; accept both spellings.
        if (GMObjectIdentifiers.sm2p256v1.equals(oid)) {
            return SignatureAlgorithm.SM2SM3;
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            ASN1Encodable parameters = id.getParameters();
            if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
                throw new KeyFormatException("EC key without a named curve; explicit curve parameters are not accepted");
            }
            return Curves.algorithmOf(curve).orElseThrow(() -> new KeyFormatException(
                    "EC curve " + curve.getId() + " is not supported (expected P-256 or sm2p256v1)"));
        }
        throw new KeyFormatException("key algorithm " + oid.getId() + " is not supported (expected Ed25519, EC P-256 or EC sm2p256v1)");
    }

    static String curveName(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.ES256 ? "P-256" : "sm2p256v1";
    }
}
