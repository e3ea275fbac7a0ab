package org.prooftrail.core.envelope;

/**
 * The value of a short JSON number literal with a fraction or an exponent, such as {@code 4.5} or
 * {@code 55.0}, without making a String of it for {@link Double#parseDouble}: the two were a twentieth
 * of the CPU of checking a readings envelope without its signature.
 *
 * <p>Only where the answer is certainly the one {@code Double.parseDouble} gives: at most 15 significant
 * digits (exact as a double) scaled by a power of ten of at most 22 (exact too), so that one IEEE
 * multiplication or division rounds correctly, as the JDK's own fast path does (Clinger 1990). Anything
 * else is NaN, and the caller asks the parser.
 */
final class DecimalLiterals {
    private static final int MAX_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private DecimalLiterals() {
    }

    /** The value of {@code chars[offset, offset + length)}, a JSON number, or NaN when not certain. */
    static double parse(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        boolean negative = i < end && chars[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int significant = 0;
        int scale = 0; // digits after the point
        boolean point = false;
        boolean any = false;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (significant > 0 || c != '0') {
                    if (++significant > MAX_DIGITS) {
                        return Double.NaN;
                    }
                    digits = digits * 10 + (c - '0');
                }
                if (point) {
                    scale++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (i < end) {
            if (chars[i] != 'e' && chars[i] != 'E') {
                return Double.NaN;
            }
            i++;
            boolean negativeExponent = i < end && chars[i] == '-';
            if (i < end && (chars[i] == '-' || chars[i] == '+')) {
                i++;
            }
            if (i == end || end - i > 3) {
                return Double.NaN;
            }
            int exponent = 0;
            for (; i < end; i++) {
                char c = chars[i];
                if (c < '0' || c > '9') {
                    return Double.NaN;
                }
                exponent = exponent * 10 + (c - '0');
            }
            scale += negativeExponent ? exponent : -exponent;
        }
        double value;
        if (digits == 0) {
            value = 0;
        } else if (scale >= 0 && scale < POWERS_OF_TEN.length) {
            value = digits / POWERS_OF_TEN[scale];
        } else if (scale < 0 && -scale < POWERS_OF_TEN.length) {
            value = digits * POWERS_OF_TEN[-scale];
        } else {
            return Double.NaN;
        }
        return negative ? -value : value;
    }
}
