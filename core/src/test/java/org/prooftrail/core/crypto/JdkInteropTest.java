package org.prooftrail.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks against the JDK's own, independent Ed25519 and ECDSA implementations: signatures in
 * both directions, and our PEM encodings read by the JDK's key factories (so they are standard).
 */
class JdkInteropTest {
    private static final byte[] MESSAGE = "interop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void ed25519BothWays() throws Exception {
        check(SignatureAlgorithm.EdDSA, "Ed25519", "Ed25519", null);
    }

    @Test
    void es256BothWays() throws Exception {
        // "inP1363Format" is the JDK's name for the fixed-width R || S that JWS uses.
        check(SignatureAlgorithm.ES256, "EC", "SHA256withECDSAinP1363Format", new ECGenParameterSpec("secp256r1"));
    }

    private static void check(SignatureAlgorithm algorithm, String keyType, String jdkAlgorithm, ECGenParameterSpec spec)
            throws Exception {
        // Ours signs, the JDK verifies, reading our SPKI encoding.
        SigningKey ours = SigningKey.generate(algorithm);
        PublicKey jdkPublic = KeyFactory.getInstance(keyType)
                .generatePublic(new X509EncodedKeySpec(PublicKeys.toSpki(ours.verifyingKey())));
        Signature verifier = Signature.getInstance(jdkAlgorithm);
        verifier.initVerify(jdkPublic);
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(ours.sign(MESSAGE)));

        // Our PKCS#8 reads in the JDK too.
        byte[] pkcs8 = java.util.Base64.getMimeDecoder().decode(PrivateKeys.toPem(ours)
                .replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey jdkPrivate = KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertEquals(keyType.equals("EC") ? "EC" : "EdDSA", jdkPrivate.getAlgorithm().replace("Ed25519", "EdDSA"));

        // The JDK signs, ours verifies, reading the JDK's SPKI and PKCS#8 encodings.
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
        if (spec != null) {
            generator.initialize(spec);
        }
        KeyPair jdk = generator.generateKeyPair();
        Signature signer = Signature.getInstance(jdkAlgorithm);
        signer.initSign(jdk.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();
        VerifyingKey theirs = PublicKeys.fromSpki(jdk.getPublic().getEncoded());
        assertEquals(algorithm, theirs.algorithm());
        assertTrue(theirs.verify(MESSAGE, signature));

        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(jdk.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertEquals(theirs, PrivateKeys.fromPem(pem).verifyingKey());
    }
}
