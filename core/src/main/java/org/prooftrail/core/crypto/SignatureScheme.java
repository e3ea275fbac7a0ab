package org.prooftrail.core.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * One algorithm's signing and verification over BouncyCastle's lightweight API.
 *
 * <p>Implementations hold no state: each call builds its own BouncyCastle signer, which costs far
 * less than the curve arithmetic, so one instance may be used from any number of threads.
 */
interface SignatureScheme {

    byte[] sign(AsymmetricKeyParameter privateKey, byte[] message, SecureRandom random);

    /** False for a wrong-length, out-of-range or simply wrong signature; never throws for bad input. */
    boolean verify(AsymmetricKeyParameter publicKey, byte[] message, byte[] signature);

    static SignatureScheme of(SignatureAlgorithm algorithm) {
        return switch (algorithm) {
            case EdDSA -> Ed25519Scheme.INSTANCE;
            case ES256 -> Es256Scheme.INSTANCE;
            case SM2SM3 -> Sm2Scheme.INSTANCE;
        };
    }
}
