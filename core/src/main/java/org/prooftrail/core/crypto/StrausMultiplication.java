package org.prooftrail.core.crypto;

import java.math.BigInteger;

/**
 * Straus's interleaved multi-scalar multiplication, sum of k_i P_i: one shared run of doublings for
 * all terms, and for each term an addition of one of its odd multiples P, 3P, ..., 15P wherever its
 * width-5 NAF has a digit (one position in six on average). A 253-bit scalar then costs about 42
 * additions and a 128-bit one about 21, plus 8 point operations to build the term's table; the
 * doublings, about 253, are paid once for the whole sum. Variable time: only for public data.
 */
final class StrausMultiplication {
    private static final int WIDTH = 5;
    private static final int TABLE_SIZE = 1 << (WIDTH - 2);
    private static final int BITS = 256;

    private final EdwardsPoint.Cached[][] tables;
    private final byte[][] digits;
    private int terms;

    StrausMultiplication(int capacity) {
        tables = new EdwardsPoint.Cached[capacity][];
        digits = new byte[capacity][];
    }

    /** Adds the term k P, with 0 <= k < 2^255. */
    void add(BigInteger k, EdwardsPoint p) {
        add(k, oddMultiples(p));
    }

    /** Adds a term whose table of odd multiples was made by {@link #oddMultiples}, to reuse it. */
    void add(BigInteger k, EdwardsPoint.Cached[] oddMultiples) {
        tables[terms] = oddMultiples;
        digits[terms] = nonAdjacentForm(k);
        terms++;
    }

    EdwardsPoint sum() {
        int top = -1;
        for (int i = 0; i < terms; i++) {
            for (int bit = BITS; bit > top; bit--) {
                if (digits[i][bit] != 0) {
                    top = bit;
                }
            }
        }
        EdwardsPoint accumulator = EdwardsPoint.identity();
        EdwardsPoint.Scratch scratch = new EdwardsPoint.Scratch();
        for (int bit = top; bit >= 0; bit--) {
            accumulator.twice(scratch);
            for (int i = 0; i < terms; i++) {
                int digit = digits[i][bit];
                if (digit != 0) {
                    accumulator.add(tables[i][Math.abs(digit) >>> 1], digit < 0, scratch);
                }
            }
        }
        return accumulator;
    }

    /** P, 3P, 5P, ..., 15P. */
    static EdwardsPoint.Cached[] oddMultiples(EdwardsPoint p) {
        EdwardsPoint.Scratch scratch = new EdwardsPoint.Scratch();
        EdwardsPoint.Cached[] table = new EdwardsPoint.Cached[TABLE_SIZE];
        table[0] = p.cached();
        EdwardsPoint twice = copy(p);
        twice.twice(scratch);
        EdwardsPoint.Cached step = twice.cached();
        EdwardsPoint multiple = copy(p);
        for (int i = 1; i < TABLE_SIZE; i++) {
            multiple.add(step, false, scratch);
            table[i] = multiple.cached();
        }
        return table;
    }

    private static EdwardsPoint copy(EdwardsPoint p) {
        EdwardsPoint copy = new EdwardsPoint();
        System.arraycopy(p.x, 0, copy.x, 0, p.x.length);
        System.arraycopy(p.y, 0, copy.y, 0, p.y.length);
        System.arraycopy(p.z, 0, copy.z, 0, p.z.length);
        System.arraycopy(p.t, 0, copy.t, 0, p.t.length);
        return copy;
    }

    /**
     * The width-5 NAF of k: digits odd and below 16 in magnitude, any two nonzero ones at least five
     * positions apart, sum of digit_j 2^j = k.
     */
    static byte[] nonAdjacentForm(BigInteger k) {
        if (k.signum() < 0 || k.bitLength() > BITS - 1) {
            throw new IllegalArgumentException("scalar out of range");
        }
        long[] words = new long[BITS / 64 + 1];
        for (int i = 0; i < words.length; i++) {
            words[i] = k.shiftRight(64 * i).longValue();
        }
        byte[] naf = new byte[BITS + 1];
        int carry = 0;
        int position = 0;
        while (position <= BITS) {
            int bit = (int) (words[position >>> 6] >>> (position & 63)) & 1;
            if (bit == carry) {
                position++;
                continue;
            }
            int digit = window(words, position) + carry;
            carry = digit > (1 << (WIDTH - 1)) ? 1 : 0;
            naf[position] = (byte) (digit - (carry << WIDTH));
            position += WIDTH;
        }
        return naf;
    }

    /** The WIDTH bits of the scalar starting at {@code position}. */
    private static int window(long[] words, int position) {
        int index = position >>> 6;
        int shift = position & 63;
        long bits = words[index] >>> shift;
        if (shift > 64 - WIDTH && index + 1 < words.length) {
            bits |= words[index + 1] << (64 - shift);
        }
        return (int) bits & ((1 << WIDTH) - 1);
    }
}
