package org.prooftrail.core.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA on P-256 with SHA-256, signature as 32-byte R || 32-byte S (RFC 7518 section 3.4).
 *
 * <p>Signing uses deterministic nonces (RFC 6979), so a device with a weak random source cannot leak
 * its key through nonce reuse, and tests can compare against published vectors. Verification accepts
 * both S and n - S ("high S"), as RFC 7518 and every mainstream JOSE library do: requiring low S
 * would reject about half the signatures from standard signers. The cost is that anyone can derive a
 * second valid JWS for the same payload; ingest deduplicates on (device, seq), not on JWS bytes.
 */
final class Es256Scheme implements SignatureScheme {
    static final Es256Scheme INSTANCE = new Es256Scheme();

    private Es256Scheme() {
    }

    @Override
    public byte[] sign(AsymmetricKeyParameter privateKey, byte[] message, SecureRandom random) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, privateKey);
        BigInteger[] rs = signer.generateSignature(sha256(message));
        return RsSignature.encode(rs[0], rs[1]);
    }

    @Override
    public boolean verify(AsymmetricKeyParameter publicKey, byte[] message, byte[] signature) {
        if (signature.length != SignatureAlgorithm.SIGNATURE_LENGTH) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, publicKey);
        // ECDSASigner itself rejects r or s outside [1, n-1].
        return verifier.verifySignature(sha256(message), RsSignature.r(signature), RsSignature.s(signature));
    }

    /** The JDK's SHA-256 is several times faster than BouncyCastle's on large payloads. */
    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
