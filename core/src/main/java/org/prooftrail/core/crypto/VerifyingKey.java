package org.prooftrail.core.crypto;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A device's or organisation's public key together with the one algorithm it verifies.
 *
 * <p>Binding the algorithm to the key, not taking it from the message, is what stops algorithm
 * confusion: a JWS whose header names another algorithm simply fails. Immutable and safe to share
 * between threads; {@link #verify} may run concurrently on a worker pool.
 */
public final class VerifyingKey {
    private final SignatureAlgorithm algorithm;
    private final AsymmetricKeyParameter parameters;
    private final byte[] raw;

    VerifyingKey(SignatureAlgorithm algorithm, AsymmetricKeyParameter parameters) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.parameters = Objects.requireNonNull(parameters);
        this.raw = encodeRaw(parameters);
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** True only if {@code signature} is this key's valid signature over exactly {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return SignatureScheme.of(algorithm).verify(parameters, message, signature);
    }

    /**
     * This Ed25519 key as BouncyCastle holds it, its point already decoded, for
     * {@link Ed25519BatchVerifier}; empty for the other algorithms.
     */
    public Optional<Ed25519PublicKeyParameters> ed25519() {
        return parameters instanceof Ed25519PublicKeyParameters ed ? Optional.of(ed) : Optional.empty();
    }

    /**
     * The raw public key: 32 bytes for Ed25519 (RFC 8032), otherwise the 65-byte uncompressed point
     * 0x04 || X || Y (SEC 1). A compact, canonical form for storage and comparison.
     */
    public byte[] raw() {
        return raw.clone();
    }

    AsymmetricKeyParameter parameters() {
        return parameters;
    }

    private static byte[] encodeRaw(AsymmetricKeyParameter parameters) {
        if (parameters instanceof Ed25519PublicKeyParameters ed) {
            return ed.getEncoded();
        }
        return ((ECPublicKeyParameters) parameters).getQ().getEncoded(false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifyingKey that && algorithm == that.algorithm && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VerifyingKey[" + algorithm.jwsName() + " " + Base64Url.encode(raw) + "]";
    }
}
