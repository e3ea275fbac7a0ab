package org.prooftrail.store.envelopes;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Values spelt for COPY without the JDK's formatters, which were half of the CPU of turning a readings
 * envelope into rows (after the verifier had read the same values from the device's text): instants
 * exactly as {@link Instant#toString} spells them, numbers as decimals that PostgreSQL reads back as
 * the same double.
 */
final class CopyText {
    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private CopyText() {
    }

    /**
     * What {@link Instant#toString} gives: {@code 2025-06-01T08:29:00Z}, with 3, 6 or 9 digits of
     * fraction when there is one.
     */
    static void appendTime(StringBuilder out, Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        if (days < FIRST_DAY || days > LAST_DAY) {
            out.append(t); // years before 0 or after 9999 are spelt with a sign
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(days);
        int second = (int) Math.floorMod(seconds, 86_400);
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, second / 3600, 2).append(':');
        digits(out, second / 60 % 60, 2).append(':');
        digits(out, second % 60, 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                digits(out, nanos / 1000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    /**
     * A decimal that PostgreSQL reads back as exactly {@code d}: the shortest of up to nine decimals
     * whose quotient by the power of ten is {@code d}, the value of that text correctly rounded as
     * {@code float8in} reads it, or else {@link Double#toString}. A reading's numbers came from such
     * short decimals.
     */
    static void appendNumber(StringBuilder out, double d) {
        if (d != 0 && Math.abs(d) < 1e9) {
            for (int k = 0; k < POWERS_OF_TEN.length; k++) {
                double scaled = d * POWERS_OF_TEN[k];
                long m = Math.round(scaled);
                if (Math.abs(m) < 1L << 53 && m / POWERS_OF_TEN[k] == d) {
                    decimal(out, m, k);
                    return;
                }
            }
        }
        out.append(d);
    }

    /** {@code m / 10^scale} as a plain decimal. */
    private static void decimal(StringBuilder out, long m, int scale) {
        if (m < 0) {
            out.append('-');
        }
        long abs = Math.abs(m);
        long pow = (long) POWERS_OF_TEN[scale];
        out.append(abs / pow);
        if (scale > 0) {
            digits(out.append('.'), abs % pow, scale);
        }
    }

    /** {@code value}, below 10^width, in {@code width} digits with leading zeros. */
    private static StringBuilder digits(StringBuilder out, long value, int width) {
        for (long pow = (long) POWERS_OF_TEN[width - 1]; pow > 0; pow /= 10) {
            out.append((char) ('0' + value / pow % 10));
        }
        return out;
    }
}
