package org.prooftrail.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM2 signature with SM3 on curve sm2p256v1 (GB/T 32918.2), signature as 32-byte R || 32-byte S.
 *
 * <p>The signer hashes Z_A (a digest of the user ID and public key) before the message. Both sides
 * must use the same ID or every signature fails, so it is fixed to the default that GM/T 0009 names
 * and other SM2 libraries use when given none.
 */
final class Sm2Scheme implements SignatureScheme {
    static final Sm2Scheme INSTANCE = new Sm2Scheme();

    /** GM/T 0009-2012 section 10: the default user ID when none is agreed. */
    static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private Sm2Scheme() {
    }

    @Override
    public byte[] sign(AsymmetricKeyParameter privateKey, byte[] message, SecureRandom random) {
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        signer.init(true, new ParametersWithID(new ParametersWithRandom(privateKey, random), DEFAULT_USER_ID));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    @Override
    public boolean verify(AsymmetricKeyParameter publicKey, byte[] message, byte[] signature) {
        if (signature.length != SignatureAlgorithm.SIGNATURE_LENGTH) {
            return false;
        }
        SM2Signer verifier = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
        verifier.init(false, new ParametersWithID(publicKey, DEFAULT_USER_ID));
        verifier.update(message, 0, message.length);
        // SM2Signer returns false for r or s outside [1, n-1] (PlainDSAEncoding range check included).
        return verifier.verifySignature(signature);
    }
}
