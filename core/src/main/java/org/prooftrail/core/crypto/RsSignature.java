package org.prooftrail.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/** The fixed-width R || S form that JWS uses for ECDSA-style signatures on 256-bit curves. */
final class RsSignature {
    private static final int HALF = SignatureAlgorithm.SIGNATURE_LENGTH / 2;

    private RsSignature() {
    }

    static byte[] encode(BigInteger r, BigInteger s) {
        byte[] out = new byte[SignatureAlgorithm.SIGNATURE_LENGTH];
        BigIntegers.asUnsignedByteArray(r, out, 0, HALF);
        BigIntegers.asUnsignedByteArray(s, out, HALF, HALF);
        return out;
    }

    static BigInteger r(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, 0, HALF));
    }

    static BigInteger s(byte[] signature) {
        return new BigInteger(1, Arrays.copyOfRange(signature, HALF, 2 * HALF));
    }
}
