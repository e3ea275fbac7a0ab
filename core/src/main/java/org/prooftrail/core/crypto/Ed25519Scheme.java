package org.prooftrail.core.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Pure Ed25519 (RFC 8032 section 5.1), which is what JOSE's "EdDSA" means for an Ed25519 key.
 *
 * <p>Calls the key parameters directly rather than through {@code Ed25519Signer}, which would first
 * copy the whole message into a buffer; the public key parameters keep their decoded point, so
 * verification does not decompress it again on every call. BouncyCastle rejects S >= L, so
 * signatures are not malleable.
 */
final class Ed25519Scheme implements SignatureScheme {
    static final Ed25519Scheme INSTANCE = new Ed25519Scheme();

    private Ed25519Scheme() {
    }

    @Override
    public byte[] sign(AsymmetricKeyParameter privateKey, byte[] message, SecureRandom random) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        ((Ed25519PrivateKeyParameters) privateKey)
                .sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(AsymmetricKeyParameter publicKey, byte[] message, byte[] signature) {
        if (signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return ((Ed25519PublicKeyParameters) publicKey)
                .verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }
}
