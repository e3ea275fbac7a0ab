package org.prooftrail.core.crypto;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/**
 * The two elliptic curves ProofTrail signs on. BouncyCastle's "custom" curve implementations are
 * used because they are several times faster than the generic ones; the named form makes encoded keys
 * carry the curve OID rather than explicit parameters.
 */
final class Curves {
    static final ECNamedDomainParameters P256 = named(SECObjectIdentifiers.secp256r1);
    static final ECNamedDomainParameters SM2 = named(GMObjectIdentifiers.sm2p256v1);

    /** Bytes in one coordinate or scalar on either curve. */
    static final int FIELD_BYTES = 32;

    private Curves() {
    }

    static ECNamedDomainParameters of(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> P256;
            case SM2SM3 -> SM2;
            case EdDSA -> throw new IllegalArgumentException("EdDSA does not use a Weierstrass curve");
        };
    }

    static Optional<SignatureAlgorithm> algorithmOf(ASN1ObjectIdentifier curveOid) {
        if (P256.getName().equals(curveOid)) {
            return Optional.of(SignatureAlgorithm.ES256);
        }
        if (SM2.getName().equals(curveOid)) {
            return Optional.of(SignatureAlgorithm.SM2SM3);
        }
        return Optional.empty();
    }

    private static ECNamedDomainParameters named(ASN1ObjectIdentifier oid) {
        return new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid));
    }
}
