package org.prooftrail.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * A point of the Ed25519 curve -x^2 + y^2 = 1 + d x^2 y^2 in extended coordinates (X:Y:Z:T), x = X/Z,
 * y = Y/Z, x y = T/Z, on BouncyCastle's public field arithmetic ({@link X25519Field}, 10 limbs of 25 or
 * 26 bits). Mutable, so that a multi-scalar multiplication allocates nothing per step; not for
 * sharing between threads.
 *
 * <p>The formulas are those of Hisil, Wong, Carter and Dawson (2008) for a = -1, arranged as in
 * the ref10 code: doubling costs 4 squarings and 4 multiplications, adding a {@link Cached} point 8
 * multiplications. X25519Field's add and sub do not carry, and its mul takes inputs at most one
 * addition away from a product: a sum of sums is carried first.
 */
final class EdwardsPoint {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final int[] D = fieldElement(BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
    private static final int[] D2 = fieldElement(BigInteger.valueOf(-121665 * 2L)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));

    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    /** The neutral element (0, 1). */
    static EdwardsPoint identity() {
        EdwardsPoint p = new EdwardsPoint();
        X25519Field.one(p.y);
        X25519Field.one(p.z);
        return p;
    }

    /**
     * Decodes a 32-byte encoding (RFC 8032 section 5.1.3) as BouncyCastle's verification does: the
     * y coordinate must be below p (canonical), x^2 = (y^2 - 1) / (d y^2 + 1) must have a root, and
     * x = 0 must not come with the sign bit set. No check of the point's order, as BouncyCastle makes
     * none for R or for a key of {@code Ed25519PublicKeyParameters}. Null when the encoding is refused.
     *
     * @param negate whether to return the negated point, -(x, y) = (-x, y)
     */
    static EdwardsPoint decode(byte[] encoding, boolean negate) {
        if (encoding.length != 32 || !isCanonical(encoding)) {
            return null;
        }
        EdwardsPoint p = new EdwardsPoint();
        int sign = (encoding[31] & 0x80) >>> 7;
        X25519Field.decode255(encoding, p.y); // ignores the sign bit
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(p.y, u);
        X25519Field.mul(D, u, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
            return null;
        }
        X25519Field.normalize(p.x);
        if (sign == 1 && X25519Field.isZeroVar(p.x)) {
            return null;
        }
        if (negate ^ (sign != (p.x[0] & 1))) {
            X25519Field.negate(p.x, p.x);
            X25519Field.normalize(p.x);
        }
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        return p;
    }

    /** The y coordinate, sign bit aside, is below p = 2^255 - 19. */
    private static boolean isCanonical(byte[] encoding) {
        if ((encoding[31] & 0x7F) != 0x7F) {
            return true;
        }
        for (int i = 30; i > 0; i--) {
            if (encoding[i] != (byte) 0xFF) {
                return true;
            }
        }
        return (encoding[0] & 0xFF) < 0xED;
    }

    /** this = 2 * this. */
    void twice(Scratch s) {
        X25519Field.sqr(x, s.a);
        X25519Field.sqr(y, s.b);
        X25519Field.sqr(z, s.c);
        X25519Field.add(s.c, s.c, s.c);
        X25519Field.add(x, y, s.d);
        X25519Field.sqr(s.d, s.d);
        X25519Field.add(s.b, s.a, s.e); // yy + xx
        X25519Field.sub(s.b, s.a, s.f); // yy - xx
        X25519Field.sub(s.d, s.e, s.d); // 2xy
        X25519Field.carry(s.d);
        X25519Field.sub(s.c, s.f, s.c); // 2z^2 - (yy - xx)
        X25519Field.carry(s.c);
        completed(s.d, s.e, s.f, s.c);
    }

    /** this = this + q, or this - q when {@code subtract}. */
    void add(Cached q, boolean subtract, Scratch s) {
        X25519Field.add(y, x, s.a);
        X25519Field.sub(y, x, s.b);
        X25519Field.mul(s.a, subtract ? q.yMinusX : q.yPlusX, s.a);
        X25519Field.mul(s.b, subtract ? q.yPlusX : q.yMinusX, s.b);
        X25519Field.mul(t, q.t2d, s.c);
        X25519Field.mul(z, q.z2, s.d);
        X25519Field.sub(s.a, s.b, s.e);
        X25519Field.add(s.a, s.b, s.f);
        if (subtract) {
            X25519Field.sub(s.d, s.c, s.a);
            X25519Field.add(s.d, s.c, s.b);
        } else {
            X25519Field.add(s.d, s.c, s.a);
            X25519Field.sub(s.d, s.c, s.b);
        }
        X25519Field.carry(s.a);
        X25519Field.carry(s.b);
        completed(s.e, s.f, s.a, s.b);
    }

    /** From the completed point ((e : zx), (f : ty)) to extended coordinates. */
    private void completed(int[] e, int[] f, int[] zx, int[] ty) {
        X25519Field.mul(e, ty, x);
        X25519Field.mul(f, zx, y);
        X25519Field.mul(zx, ty, z);
        X25519Field.mul(e, f, t);
    }

    boolean isIdentity() {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        X25519Field.copy(x, 0, a, 0);
        X25519Field.normalize(a);
        if (!X25519Field.isZeroVar(a)) {
            return false;
        }
        X25519Field.sub(y, z, b);
        X25519Field.carry(b);
        X25519Field.normalize(b);
        return X25519Field.isZeroVar(b);
    }

    /** The 32-byte encoding (RFC 8032 section 5.1.2). */
    byte[] encode() {
        int[] inverse = X25519Field.create();
        int[] affineX = X25519Field.create();
        int[] affineY = X25519Field.create();
        X25519Field.inv(z, inverse);
        X25519Field.mul(x, inverse, affineX);
        X25519Field.mul(y, inverse, affineY);
        X25519Field.normalize(affineX);
        X25519Field.normalize(affineY);
        byte[] encoding = new byte[32];
        X25519Field.encode(affineY, encoding, 0);
        encoding[31] |= (byte) ((affineX[0] & 1) << 7);
        return encoding;
    }

    Cached cached() {
        return new Cached(this);
    }

    static int[] fieldElement(BigInteger value) {
        byte[] littleEndian = new byte[32];
        byte[] bigEndian = value.toByteArray();
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
        }
        int[] element = X25519Field.create();
        X25519Field.decode(littleEndian, element);
        return element;
    }

    /** A point kept in the form that addition reads: (y + x, y - x, 2z, 2dt). */
    static final class Cached {
        final int[] yPlusX = X25519Field.create();
        final int[] yMinusX = X25519Field.create();
        final int[] z2 = X25519Field.create();
        final int[] t2d = X25519Field.create();

        private Cached(EdwardsPoint p) {
            X25519Field.add(p.y, p.x, yPlusX);
            X25519Field.sub(p.y, p.x, yMinusX);
            X25519Field.add(p.z, p.z, z2);
            X25519Field.mul(p.t, D2, t2d);
        }
    }

    /** Temporaries for one thread's point operations. */
    static final class Scratch {
        final int[] a = X25519Field.create();
        final int[] b = X25519Field.create();
        final int[] c = X25519Field.create();
        final int[] d = X25519Field.create();
        final int[] e = X25519Field.create();
        final int[] f = X25519Field.create();
    }
}
