package org.prooftrail.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A private key with its algorithm and matching public key, for {@code prooftrail keygen}, the device
 * simulator and tests; the server side only ever verifies.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the private key.
 */
public final class SigningKey {
    /** SecureRandom is thread-safe; SM2 needs a fresh nonce per signature. */
    private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();

    private final SignatureAlgorithm algorithm;
    private final AsymmetricKeyParameter privateKey;
    private final VerifyingKey verifyingKey;

    private SigningKey(SignatureAlgorithm algorithm, AsymmetricKeyParameter privateKey, VerifyingKey verifyingKey) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.privateKey = Objects.requireNonNull(privateKey);
        this.verifyingKey = Objects.requireNonNull(verifyingKey);
    }

    /** A fresh key pair for {@code algorithm}. */
    public static SigningKey generate(SignatureAlgorithm algorithm, SecureRandom random) {
        if (algorithm == SignatureAlgorithm.EdDSA) {
            return fromPrivate(new Ed25519PrivateKeyParameters(random));
        }
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(Curves.of(algorithm), random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new SigningKey(algorithm, pair.getPrivate(), new VerifyingKey(algorithm, pair.getPublic()));
    }

    public static SigningKey generate(SignatureAlgorithm algorithm) {
        return generate(algorithm, DEFAULT_RANDOM);
    }

    /** An Ed25519 key from its private parameters; the public key is derived. */
    static SigningKey fromPrivate(Ed25519PrivateKeyParameters privateKey) {
        return new SigningKey(SignatureAlgorithm.EdDSA, privateKey,
                new VerifyingKey(SignatureAlgorithm.EdDSA, privateKey.generatePublicKey()));
    }

    /**
     * An EC key from its scalar on the curve of {@code algorithm}; the public point is derived.
     *
     * @throws KeyFormatException if the scalar is not in [1, n-1]
     */
    static SigningKey fromScalar(SignatureAlgorithm algorithm, BigInteger d) throws KeyFormatException {
        ECNamedDomainParameters domain = Curves.of(algorithm);
        if (d.signum() <= 0 || d.compareTo(domain.getN()) >= 0) {
            throw new KeyFormatException("private scalar is out of range for " + algorithm.jwsName());
        }
        ECPublicKeyParameters publicKey = new ECPublicKeyParameters(
                new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize(), domain);
        return new SigningKey(algorithm, new ECPrivateKeyParameters(d, domain), new VerifyingKey(algorithm, publicKey));
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    /** The 64-byte JWS signature over {@code message}. */
    public byte[] sign(byte[] message) {
        return sign(message, DEFAULT_RANDOM);
    }

    /**
     * As {@link #sign(byte[])} with a given random source. Only SM2 draws randomness (its nonce);
     * Ed25519 and ES256 (RFC 6979) are deterministic.
     */
    public byte[] sign(byte[] message, SecureRandom random) {
        return SignatureScheme.of(algorithm).sign(privateKey, message, random);
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm.jwsName() + ", public " + Base64Url.encode(verifyingKey.raw()) + "]";
    }
}
