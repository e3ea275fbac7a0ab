package org.prooftrail.core.crypto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignatureTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = "eyJhbGciOiJFZERTQSIsImtpZCI6ImQxIn0.eyJkZXYiOiJkMSJ9".getBytes(UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signThenVerify(SignatureAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm, RANDOM);
        byte[] signature = key.sign(MESSAGE);

        assertEquals(SignatureAlgorithm.SIGNATURE_LENGTH, signature.length);
        assertTrue(key.verifyingKey().verify(MESSAGE, signature));
        assertFalse(SigningKey.generate(algorithm, RANDOM).verifyingKey().verify(MESSAGE, signature), "another key");
    }

    /** Every single-bit change of the signature or the message must fail (as transparency-dev tests proofs). */
    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void everyFlippedBitFails(SignatureAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm, RANDOM);
        VerifyingKey verifier = key.verifyingKey();
        byte[] signature = key.sign(MESSAGE);
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(verifier.verify(MESSAGE, flipped), "signature bit " + bit);
        }
        for (int bit = 0; bit < MESSAGE.length * 8; bit += 11) {
            byte[] flipped = MESSAGE.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(verifier.verify(flipped, signature), "message bit " + bit);
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void wrongLengthsAndDegenerateSignaturesFail(SignatureAlgorithm algorithm) {
        SigningKey key = SigningKey.generate(algorithm, RANDOM);
        VerifyingKey verifier = key.verifyingKey();
        byte[] signature = key.sign(MESSAGE);

        assertFalse(verifier.verify(MESSAGE, new byte[0]));
        assertFalse(verifier.verify(MESSAGE, Arrays.copyOf(signature, 63)));
        assertFalse(verifier.verify(MESSAGE, Arrays.copyOf(signature, 65)));
        assertFalse(verifier.verify(MESSAGE, new byte[64]));
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        assertFalse(verifier.verify(MESSAGE, ones));
    }

    /** r or s equal to the group order n must be refused, not reduced mod n. */
    @Test
    void ecdsaScalarsOutOfRangeFail() {
        for (SignatureAlgorithm algorithm : new SignatureAlgorithm[] {SignatureAlgorithm.ES256, SignatureAlgorithm.SM2SM3}) {
            SigningKey key = SigningKey.generate(algorithm, RANDOM);
            byte[] signature = key.sign(MESSAGE);
            BigInteger n = Curves.of(algorithm).getN();
            BigInteger r = RsSignature.r(signature);
            BigInteger s = RsSignature.s(signature);
            assertFalse(key.verifyingKey().verify(MESSAGE, RsSignature.encode(r.add(n).mod(BigInteger.TWO.pow(256)), s)));
            assertFalse(key.verifyingKey().verify(MESSAGE, RsSignature.encode(n, s)));
            assertFalse(key.verifyingKey().verify(MESSAGE, RsSignature.encode(r, n)));
        }
    }

    @Test
    void es256AcceptsBothSValuesAsRfc7518Does() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ES256, RANDOM);
        byte[] signature = key.sign(MESSAGE);
        BigInteger n = Curves.P256.getN();
        byte[] mirrored = RsSignature.encode(RsSignature.r(signature), n.subtract(RsSignature.s(signature)));
        assertTrue(key.verifyingKey().verify(MESSAGE, mirrored));
    }

    /** Verification runs on a worker pool: one key shared by several threads must give the same answers. */
    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void oneKeyVerifiesConcurrently(SignatureAlgorithm algorithm) throws Exception {
        SigningKey key = SigningKey.generate(algorithm, RANDOM);
        byte[] good = key.sign(MESSAGE);
        byte[] bad = good.clone();
        bad[3] ^= 1;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    boolean allRight = true;
                    for (int i = 0; i < 50; i++) {
                        allRight &= key.verifyingKey().verify(MESSAGE, good) && !key.verifyingKey().verify(MESSAGE, bad);
                    }
                    return allRight;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void algorithmNamesAreExact() {
        assertEquals(Optional.of(SignatureAlgorithm.EdDSA), SignatureAlgorithm.fromJwsName("EdDSA"));
        assertEquals(Optional.of(SignatureAlgorithm.ES256), SignatureAlgorithm.fromJwsName("ES256"));
        assertEquals(Optional.of(SignatureAlgorithm.SM2SM3), SignatureAlgorithm.fromJwsName("SM2SM3"));
        assertEquals(Optional.empty(), SignatureAlgorithm.fromJwsName("eddsa"));
        assertEquals(Optional.empty(), SignatureAlgorithm.fromJwsName("none"));
        assertEquals(Optional.empty(), SignatureAlgorithm.fromJwsName(null));
    }
}
