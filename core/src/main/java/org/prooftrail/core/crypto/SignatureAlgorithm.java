package org.prooftrail.core.crypto;

import java.util.Optional;

/**
 * The signature algorithms a ProofTrail envelope may use, named as in the JWS {@code alg} header.
 *
 * <p>All three produce a fixed 64-byte signature: Ed25519 natively, and the two ECDSA-style
 * schemes as the fixed-width R || S concatenation that RFC 7518 section 3.4 prescribes, never DER.
 */
public enum SignatureAlgorithm {
    /** Ed25519 (RFC 8032) as registered for JOSE by RFC 8037. */
    EdDSA("EdDSA"),
    /** ECDSA on P-256 with SHA-256 (RFC 7518 section 3.4). */
    ES256("ES256"),
    /**
     * SM2 signature with SM3 (GB/T 32918.2, GM/T 0009) and the default user ID. Not a registered
     * JOSE name: a private name for deployments that must use the Chinese national algorithms.
     */
    SM2SM3("SM2SM3");

    /** Every algorithm's JWS signature is this many bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private final String jwsName;

    SignatureAlgorithm(String jwsName) {
        this.jwsName = jwsName;
    }

    /** The exact {@code alg} value in a JWS protected header. */
    public String jwsName() {
        return jwsName;
    }

    /** Looks an algorithm up by its exact, case-sensitive JWS name (RFC 7515 compares names exactly). */
    public static Optional<SignatureAlgorithm> fromJwsName(String name) {
        for (SignatureAlgorithm alg : values()) {
            if (alg.jwsName.equals(name)) {
                return Optional.of(alg);
            }
        }
        return Optional.empty();
    }

    /** The accepted names, for error messages. */
    public static String names() {
        return "EdDSA, ES256, SM2SM3";
    }
}
