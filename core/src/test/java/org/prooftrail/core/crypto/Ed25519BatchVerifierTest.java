package org.prooftrail.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.prooftrail.core.crypto.Ed25519BatchVerifier.SignedMessage;

/**
 * The batch verifier against RFC 8032's published vectors and against BouncyCastle's single check,
 * which it must agree with on every valid, invalid and malleable input.
 */
class Ed25519BatchVerifierTest {
    private static final Ed25519BatchVerifier BATCH = new Ed25519BatchVerifier();

    /** RFC 8032 section 7.1: secret key, public key, message, signature (TEST SHA(abc) is filled in below). */
    private static final String[][] RFC8032_SECTION_7_1 = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
        {"f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
            "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
            "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98"
                + "fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8"
                + "79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
                + "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc"
                + "1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe"
                + "ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
                + "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef"
                + "efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7"
                + "aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
                + "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2"
                + "d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24"
                + "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
                + "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc"
                + "2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07"
                + "07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
                + "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a"
                + "ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e"
                + "c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
                + "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c"
                + "42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8"
                + "ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
                + "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08"
                + "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649"
                + "de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
                + "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3"
                + "2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e"
                + "6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
                + "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5"
                + "0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1"
                + "369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
                + "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c"
                + "0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0",
            "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350"
                + "aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"},
        {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", null,
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
    };

    @Test
    void rfc8032VectorsVerifyInOneBatchAndAlone() throws Exception {
        List<SignedMessage> batch = new ArrayList<>();
        for (String[] v : RFC8032_SECTION_7_1) {
            Ed25519PrivateKeyParameters secret = new Ed25519PrivateKeyParameters(Hex.decode(v[0]));
            Ed25519PublicKeyParameters key = secret.generatePublicKey();
            assertEquals(v[1], Hex.toHexString(key.getEncoded()));
            byte[] message = v[2] == null ? MessageDigest.getInstance("SHA-512").digest("abc".getBytes())
                    : Hex.decode(v[2]);
            byte[] signature = Hex.decode(v[3]);
            byte[] signed = new byte[64];
            secret.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signed, 0);
            assertArrayEquals(signature, signed, "the vector as transcribed is BouncyCastle's signature");
            batch.add(new SignedMessage(key, message, signature));
            assertArrayEquals(new boolean[] {true}, BATCH.verify(List.of(batch.get(batch.size() - 1))));
        }
        assertArrayEquals(new boolean[] {true, true, true, true, true}, BATCH.verify(batch));

        SignedMessage third = batch.get(2);
        batch.set(2, new SignedMessage(third.publicKey(), flipBit(third.message(), 3), third.signature()));
        assertArrayEquals(new boolean[] {true, true, false, true, true}, BATCH.verify(batch));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 300})
    void validBatchesFromSeveralKeysAreAccepted(int size) {
        Random random = new Random(size);
        List<SignedMessage> batch = validBatch(random, size, 5);
        boolean[] all = new boolean[size];
        Arrays.fill(all, true);
        assertArrayEquals(all, BATCH.verify(batch));
        assertTrue(BATCH.equationHolds(batch), "by the batch equation, not by single checks");
    }

    @Test
    void keptKeysStayWithinTheirBoundAndGiveTheSameVerdicts() {
        Ed25519BatchVerifier bounded = new Ed25519BatchVerifier(new java.security.SecureRandom(), 8);
        Random random = new Random(32768);
        List<SignedMessage> first = validBatch(random, 12, 3);
        for (int round = 0; round < 6; round++) {
            List<SignedMessage> batch = validBatch(random, 20, 20);
            boolean[] expected = new boolean[batch.size()];
            Arrays.fill(expected, true);
            int at = random.nextInt(batch.size());
            batch.set(at, Fault.WRONG_KEY.apply.apply(batch.get(at), random));
            expected[at] = false;
            assertArrayEquals(expected, bounded.verify(batch), "round " + round);
            assertTrue(bounded.decodedKeys() <= 8, "kept " + bounded.decodedKeys());
            // keys decoded in an earlier batch (or dropped since) check as before
            assertTrue(bounded.equationHolds(first), "round " + round);
            assertTrue(bounded.equationHolds(first), "again, from the kept keys, round " + round);
        }
    }

    @Test
    void anEmptyBatchIsEmpty() {
        assertEquals(0, BATCH.verify(List.of()).length);
    }

    /** Ways a signature is wrong; each must be named exactly in a batch of otherwise valid ones. */
    enum Fault {
        MESSAGE_BIT((s, r) -> new SignedMessage(s.publicKey(), flipBit(s.message(), r.nextInt(s.message().length * 8)), s.signature())),
        R_BIT((s, r) -> new SignedMessage(s.publicKey(), s.message(), flipBit(s.signature(), r.nextInt(256)))),
        S_BIT((s, r) -> new SignedMessage(s.publicKey(), s.message(), flipBit(s.signature(), 256 + r.nextInt(253)))),
        S_PLUS_L((s, r) -> new SignedMessage(s.publicKey(), s.message(), withS(s.signature(),
                Ed25519BatchVerifier.scalar(s.signature(), 32, 32).add(Ed25519BatchVerifier.L)))),
        NON_CANONICAL_R((s, r) -> new SignedMessage(s.publicKey(), s.message(), withR(s.signature(), nonCanonicalY(r)))),
        R_NOT_A_POINT((s, r) -> new SignedMessage(s.publicKey(), s.message(), withR(s.signature(), notAPoint(r)))),
        SHORT_SIGNATURE((s, r) -> new SignedMessage(s.publicKey(), s.message(), Arrays.copyOf(s.signature(), 63))),
        WRONG_KEY((s, r) -> new SignedMessage(newKey(r).generatePublicKey(), s.message(), s.signature()));

        final BiFunction<SignedMessage, Random, SignedMessage> apply;

        Fault(BiFunction<SignedMessage, Random, SignedMessage> apply) {
            this.apply = apply;
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void eachBadSignatureIsNamedAndTheOthersAccepted(Fault fault) {
        Random random = new Random(fault.ordinal());
        for (int size : new int[] {1, 2, 16, 64}) {
            for (int bad = 1; bad <= Math.min(size, 3); bad++) {
                List<SignedMessage> batch = validBatch(random, size, 5);
                boolean[] expected = new boolean[size];
                Arrays.fill(expected, true);
                for (int k = 0; k < bad; k++) {
                    int at = random.nextInt(size);
                    batch.set(at, fault.apply.apply(batch.get(at), random));
                    expected[at] = false;
                    assertFalse(Ed25519BatchVerifier.verifyOne(batch.get(at)), "the fault is one BouncyCastle refuses");
                }
                assertArrayEquals(expected, BATCH.verify(batch), fault + " in " + size);
                assertFalse(BATCH.equationHolds(batch));
            }
        }
    }

    @Test
    void agreesWithSingleChecksOnRandomMixedBatches() {
        Random random = new Random(8032);
        Fault[] faults = Fault.values();
        int checked = 0;
        int refused = 0;
        while (checked < 4000) {
            int size = 1 + random.nextInt(120);
            List<SignedMessage> batch = validBatch(random, size, 1 + random.nextInt(6));
            double faultRate = random.nextDouble() < 0.3 ? 0 : random.nextDouble() * 0.2;
            for (int i = 0; i < size; i++) {
                if (random.nextDouble() < faultRate) {
                    batch.set(i, faults[random.nextInt(faults.length)].apply.apply(batch.get(i), random));
                }
            }
            boolean[] single = new boolean[size];
            for (int i = 0; i < size; i++) {
                single[i] = Ed25519BatchVerifier.verifyOne(batch.get(i));
                refused += single[i] ? 0 : 1;
            }
            assertArrayEquals(single, BATCH.verify(batch));
            checked += size;
        }
        assertTrue(refused > 100, "the mix had bad signatures: " + refused);
    }

    /**
     * A key's holder signs with R' = rB + T, T of order 8: then SB - R' - kA = -T, not the neutral
     * element, so a cofactorless verifier refuses the signature; [8](-T) is. BouncyCastle 1.87's single
     * check multiplies by the cofactor too (three doublings at the end of its Straus loop), so it
     * accepts the signature like the batch: the two agree.
     */
    @Test
    void aSmallOrderComponentIsErasedByTheCofactorAsInBouncyCastle() throws Exception {
        Random random = new Random(8);
        EdwardsPoint torsion = pointOfOrder8(random);
        Ed25519PrivateKeyParameters secret = newKey(random);
        Ed25519PublicKeyParameters key = secret.generatePublicKey();
        byte[] h = MessageDigest.getInstance("SHA-512").digest(secret.getEncoded());
        h[0] &= (byte) 0xF8;
        h[31] &= 0x7F;
        h[31] |= 0x40;
        BigInteger a = Ed25519BatchVerifier.scalar(h, 0, 32);
        for (int m = 0; m < 16; m++) {
            byte[] message = ("message " + m).getBytes();
            BigInteger r = new BigInteger(250, random);
            StrausMultiplication sum = new StrausMultiplication(2);
            sum.add(r, Ed25519BatchVerifier.basePoint());
            sum.add(BigInteger.ONE, torsion);
            byte[] rEncoded = sum.sum().encode();
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(rEncoded);
            sha512.update(key.getEncoded());
            BigInteger k = Ed25519BatchVerifier.scalar(sha512.digest(message), 0, 64).mod(Ed25519BatchVerifier.L);
            BigInteger s = r.add(k.multiply(a)).mod(Ed25519BatchVerifier.L);
            SignedMessage crafted = new SignedMessage(key, message, withS(withR(new byte[64], rEncoded), s));

            StrausMultiplication cofactorless = new StrausMultiplication(3);
            cofactorless.add(s, Ed25519BatchVerifier.basePoint());
            cofactorless.add(BigInteger.ONE, EdwardsPoint.decode(rEncoded, true));
            cofactorless.add(k, EdwardsPoint.decode(key.getEncoded(), true));
            assertFalse(cofactorless.sum().isIdentity(), "SB = R' + kA does not hold");

            List<SignedMessage> batch = validBatch(random, 5, 2);
            batch.add(crafted);
            assertTrue(BATCH.equationHolds(batch));
            assertArrayEquals(new boolean[] {true, true, true, true, true, true}, BATCH.verify(batch));
            assertTrue(Ed25519BatchVerifier.verifyOne(crafted), "BouncyCastle's check is cofactored");
        }
    }

    /** [L]P for a random point P is in the small-order subgroup; kept once it has order 8. */
    private static EdwardsPoint pointOfOrder8(Random random) {
        while (true) {
            byte[] encoding = new byte[32];
            random.nextBytes(encoding);
            encoding[31] &= 0x3F;
            EdwardsPoint p = EdwardsPoint.decode(encoding, false);
            if (p == null) {
                continue;
            }
            StrausMultiplication times = new StrausMultiplication(1);
            times.add(Ed25519BatchVerifier.L, p);
            EdwardsPoint torsion = times.sum();
            StrausMultiplication times4 = new StrausMultiplication(1);
            times4.add(BigInteger.valueOf(4), torsion);
            if (!times4.sum().isIdentity()) {
                return torsion;
            }
        }
    }

    @Test
    void encodingRoundTrips() {
        Random random = new Random(25519);
        for (int i = 0; i < 200; i++) {
            byte[] encoding = new byte[32];
            random.nextBytes(encoding);
            encoding[31] &= 0x7F;
            EdwardsPoint p = EdwardsPoint.decode(encoding, false);
            if (p != null) {
                assertArrayEquals(encoding, p.encode());
            }
        }
        assertEquals("5866666666666666666666666666666666666666666666666666666666666666",
                Hex.toHexString(Ed25519BatchVerifier.basePoint().encode()));
    }

    @Test
    void nonAdjacentFormAddsUpToTheScalar() {
        Random random = new Random(5);
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE,
                Ed25519BatchVerifier.L.subtract(BigInteger.ONE), BigInteger.TWO.pow(255).subtract(BigInteger.ONE)));
        for (int i = 0; i < 1000; i++) {
            scalars.add(new BigInteger(1 + random.nextInt(255), random));
        }
        for (BigInteger k : scalars) {
            byte[] digits = StrausMultiplication.nonAdjacentForm(k);
            BigInteger sum = BigInteger.ZERO;
            int last = -5;
            for (int j = 0; j < digits.length; j++) {
                if (digits[j] != 0) {
                    assertTrue(digits[j] % 2 != 0 && Math.abs(digits[j]) < 16 && j - last >= 5, k.toString(16));
                    last = j;
                    sum = sum.add(BigInteger.valueOf(digits[j]).shiftLeft(j));
                }
            }
            assertEquals(k, sum);
        }
    }

    static List<SignedMessage> validBatch(Random random, int size, int keyCount) {
        Ed25519PrivateKeyParameters[] keys = new Ed25519PrivateKeyParameters[keyCount];
        Ed25519PublicKeyParameters[] publicKeys = new Ed25519PublicKeyParameters[keyCount];
        for (int k = 0; k < keyCount; k++) {
            keys[k] = newKey(random);
            publicKeys[k] = keys[k].generatePublicKey();
        }
        List<SignedMessage> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int k = random.nextInt(keyCount);
            byte[] message = new byte[1 + random.nextInt(700)];
            random.nextBytes(message);
            byte[] signature = new byte[64];
            keys[k].sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
            batch.add(new SignedMessage(publicKeys[k], message, signature));
        }
        return batch;
    }

    static Ed25519PrivateKeyParameters newKey(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new Ed25519PrivateKeyParameters(seed);
    }

    static byte[] flipBit(byte[] bytes, int bit) {
        byte[] flipped = bytes.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    private static byte[] withS(byte[] signature, BigInteger s) {
        byte[] changed = signature.clone();
        for (int i = 0; i < 32; i++) {
            changed[32 + i] = s.shiftRight(8 * i).byteValue();
        }
        return changed;
    }

    private static byte[] withR(byte[] signature, byte[] r) {
        byte[] changed = signature.clone();
        System.arraycopy(r, 0, changed, 0, 32);
        return changed;
    }

    /** y + p for a y below 19: the same y as a canonical encoding would give, written at or above p. */
    private static byte[] nonCanonicalY(Random random) {
        byte[] encoding = new byte[32];
        Arrays.fill(encoding, (byte) 0xFF);
        encoding[0] = (byte) (0xED + random.nextInt(19));
        encoding[31] = (byte) (random.nextBoolean() ? 0x7F : 0xFF);
        return encoding;
    }

    /** A canonical y for which (y^2 - 1) / (d y^2 + 1) has no square root. */
    private static byte[] notAPoint(Random random) {
        while (true) {
            byte[] encoding = new byte[32];
            random.nextBytes(encoding);
            encoding[31] &= 0x3F;
            if (EdwardsPoint.decode(encoding, false) == null) {
                return encoding;
            }
        }
    }
}
