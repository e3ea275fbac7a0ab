package org.prooftrail.core.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Checks many pure Ed25519 signatures (RFC 8032 section 5.1) at once and says which are valid.
 *
 * <p>One random linear combination replaces n separate checks: with random 128-bit z_i, it tests
 * [8]([sum z_i S_i] B - sum z_i R_i - sum (z_i k_i) A_i) = 0, k_i = SHA-512(R_i || A_i || M_i) mod L,
 * as one multi-scalar multiplication in which the coefficients of one key are summed first, since
 * envelopes come from few devices. If one signature is bad the sum fails (except with probability
 * about 2^-128), and each is then checked on its own with BouncyCastle's single verification, which
 * names the bad ones; a batch with a bad signature therefore costs the batch plus n single checks.
 *
 * <p>Before the sum, each signature is refused exactly where BouncyCastle's single check refuses it
 * by its encoding: a signature not 64 bytes long, S >= L (a malleable copy of a valid signature), an
 * R whose y is not below p, or an R that is not on the curve.
 *
 * <p>Semantics: the batch equation is cofactored (the [8]). So is BouncyCastle's single check in
 * 1.87: its Straus loop ends with three doublings, and it tests [8]([v1 S] B - [v0] A - [v1] R) = 0
 * with v0 = v1 k mod L. Both accept a signature exactly when [8](S B - R - k A) = 0, so the batch
 * accepts the same signatures as the single check. Note what this admits: the holder of a key can
 * make a signature whose R or key carries a small-order component (a point of order 2, 4 or 8),
 * which the cofactor erases. Both checks here accept it ({@code Ed25519BatchVerifierTest} crafts
 * one); an outside verifier that checks without the cofactor (S B = R + k A, as Go's
 * crypto/ed25519 does) rejects it. Only the key's holder can make such a signature, but two
 * verifiers can disagree on it. Should BouncyCastle turn cofactorless, the batch would still accept
 * every signature it accepts, and these crafted ones besides.
 *
 * <p>Variable time, which is fine for public keys, messages and signatures. Safe to share between
 * threads. Keeps the keys it has decoded (bounded), since a device signs every envelope with the same key.
 */
public final class Ed25519BatchVerifier {
    /** The order of the prime-order subgroup, 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final EdwardsPoint.Cached[] BASE_MULTIPLES = StrausMultiplication.oddMultiples(basePoint());
    /** One signature goes to the single check: alone it would bear the batch's 253 doublings and base point term. */
    private static final int MIN_BATCH = 2;
    /**
     * Decoded keys kept: each device signs with one key, and decoding it (a square root, about 265
     * field operations) is otherwise paid again in every batch its device joins. About 250 bytes a
     * key, 8 MB in all; past that the kept ones are dropped and decoded again as they come.
     */
    static final int MAX_DECODED_KEYS = 32_768;

    /** One signature to check: the signer's key, the signed bytes and the 64-byte signature. */
    public record SignedMessage(Ed25519PublicKeyParameters publicKey, byte[] message, byte[] signature) {
        public SignedMessage {
            Objects.requireNonNull(publicKey);
            Objects.requireNonNull(message);
            Objects.requireNonNull(signature);
        }
    }

    private final SecureRandom random;
    private final int maxDecodedKeys;
    /** -A by the key's encoding; a key whose encoding is no point is not kept. */
    private final ConcurrentHashMap<ByteBuffer, EdwardsPoint> negatedKeys = new ConcurrentHashMap<>();

    public Ed25519BatchVerifier() {
        this(new SecureRandom());
    }

    public Ed25519BatchVerifier(SecureRandom random) {
        this(random, MAX_DECODED_KEYS);
    }

    Ed25519BatchVerifier(SecureRandom random, int maxDecodedKeys) {
        this.random = Objects.requireNonNull(random);
        this.maxDecodedKeys = maxDecodedKeys;
    }

    /** For each signature in order, whether it is valid. */
    public boolean[] verify(List<SignedMessage> signatures) {
        boolean[] valid = new boolean[signatures.size()];
        List<Integer> positions = new ArrayList<>(signatures.size());
        List<SignedMessage> candidates = new ArrayList<>(signatures.size());
        List<EdwardsPoint> negatedRs = new ArrayList<>(signatures.size());
        for (int i = 0; i < signatures.size(); i++) {
            EdwardsPoint negatedR = decodeR(signatures.get(i).signature());
            if (negatedR != null) {
                positions.add(i);
                candidates.add(signatures.get(i));
                negatedRs.add(negatedR);
            }
        }
        boolean allValid = candidates.size() >= MIN_BATCH && equationHolds(candidates, negatedRs);
        for (int j = 0; j < candidates.size(); j++) {
            valid[positions.get(j)] = allValid || verifyOne(candidates.get(j));
        }
        return valid;
    }

    /** Whether the cofactored batch equation holds for all these signatures, none refused by its encoding. */
    boolean equationHolds(List<SignedMessage> signatures) {
        List<EdwardsPoint> negatedRs = new ArrayList<>(signatures.size());
        for (SignedMessage s : signatures) {
            EdwardsPoint negatedR = decodeR(s.signature());
            if (negatedR == null) {
                return false;
            }
            negatedRs.add(negatedR);
        }
        return equationHolds(signatures, negatedRs);
    }

    /** BouncyCastle's single, cofactorless check, as {@link Ed25519Scheme} makes it. */
    static boolean verifyOne(SignedMessage s) {
        return s.signature().length == Ed25519.SIGNATURE_SIZE && s.publicKey().verify(
                Ed25519.Algorithm.Ed25519, null, s.message(), 0, s.message().length, s.signature(), 0);
    }

    /** -R, or null if the signature is refused by its encoding: length, S >= L, R not a canonical point. */
    private static EdwardsPoint decodeR(byte[] signature) {
        if (signature.length != Ed25519.SIGNATURE_SIZE || scalar(signature, 32, 32).compareTo(L) >= 0) {
            return null;
        }
        byte[] r = new byte[32];
        System.arraycopy(signature, 0, r, 0, 32);
        return EdwardsPoint.decode(r, true);
    }

    private boolean equationHolds(List<SignedMessage> signatures, List<EdwardsPoint> negatedRs) {
        StrausMultiplication sum = new StrausMultiplication(2 * signatures.size() + 1);
        Map<ByteBuffer, BigInteger> keyCoefficients = new HashMap<>();
        BigInteger baseCoefficient = BigInteger.ZERO;
        SHA512Digest digest = new SHA512Digest();
        byte[] hash = new byte[64];
        for (int j = 0; j < signatures.size(); j++) {
            SignedMessage s = signatures.get(j);
            byte[] a = s.publicKey().getEncoded();
            digest.update(s.signature(), 0, 32);
            digest.update(a, 0, a.length);
            digest.update(s.message(), 0, s.message().length);
            digest.doFinal(hash, 0);
            BigInteger k = scalar(hash, 0, 64).mod(L);
            BigInteger z = randomCoefficient();
            baseCoefficient = baseCoefficient.add(z.multiply(scalar(s.signature(), 32, 32)));
            ByteBuffer key = ByteBuffer.wrap(a);
            keyCoefficients.merge(key, z.multiply(k), BigInteger::add);
            sum.add(z, negatedRs.get(j));
        }
        sum.add(baseCoefficient.mod(L), BASE_MULTIPLES);
        for (Map.Entry<ByteBuffer, BigInteger> e : keyCoefficients.entrySet()) {
            EdwardsPoint negatedKey = negatedKey(e.getKey());
            if (negatedKey == null) {
                return false; // the single checks then refuse what this key signed
            }
            sum.add(e.getValue().mod(L), negatedKey);
        }
        EdwardsPoint result = sum.sum();
        EdwardsPoint.Scratch scratch = new EdwardsPoint.Scratch();
        result.twice(scratch);
        result.twice(scratch);
        result.twice(scratch);
        return result.isIdentity();
    }

    /** -A for the key encoded in {@code key}, or null if that is no point. */
    private EdwardsPoint negatedKey(ByteBuffer key) {
        EdwardsPoint kept = negatedKeys.get(key);
        if (kept != null) {
            return kept;
        }
        EdwardsPoint decoded = EdwardsPoint.decode(key.array(), true);
        if (decoded != null) {
            if (negatedKeys.size() >= maxDecodedKeys) {
                negatedKeys.clear();
            }
            negatedKeys.put(key, decoded);
        }
        return decoded;
    }

    /** How many decoded keys are kept now. */
    int decodedKeys() {
        return negatedKeys.size();
    }

    /** Uniform in [1, 2^128): zero would drop a signature from the check. */
    private BigInteger randomCoefficient() {
        BigInteger z;
        do {
            z = new BigInteger(128, random);
        } while (z.signum() == 0);
        return z;
    }

    /** The little-endian unsigned integer in bytes [offset, offset + length). */
    static BigInteger scalar(byte[] bytes, int offset, int length) {
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = bytes[offset + length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /** B = (x, 4/5) with x even (RFC 8032 section 5.1). */
    static EdwardsPoint basePoint() {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(EdwardsPoint.P))
                .mod(EdwardsPoint.P);
        byte[] encoding = new byte[32];
        byte[] bigEndian = y.toByteArray();
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            encoding[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return EdwardsPoint.decode(encoding, false);
    }
}
