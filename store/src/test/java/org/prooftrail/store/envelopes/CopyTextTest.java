package org.prooftrail.store.envelopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text COPY is given: the same instants and the same doubles as the JDK's formatters gave. */
class CopyTextTest {
    @Test
    void timesAreSpeltAsInstantSpellsThem() {
        Random random = new Random(17);
        long first = LocalDate.of(-2, 1, 1).toEpochDay() * 86_400;
        long last = LocalDate.of(10_001, 12, 31).toEpochDay() * 86_400;
        int[] nanos = {0, 250_000_000, 1_000, 999_999_999, 1, 120_000};
        for (int n = 0; n < 200_000; n++) {
            long seconds = n % 2 == 0 ? first + (long) (random.nextDouble() * (last - first))
                    : 946_684_800L + random.nextInt(Integer.MAX_VALUE); // 2000 onwards, as readings are
            Instant t = Instant.ofEpochSecond(seconds, n % 3 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000));
            StringBuilder out = new StringBuilder();
            CopyText.appendTime(out, t);
            assertEquals(t.toString(), out.toString());
        }
    }

    /** Java reads decimals correctly rounded, as PostgreSQL's float8in (strtod) does. */
    @Test
    void numbersAreReadBackAsTheSameDouble() {
        Random random = new Random(19);
        for (int n = 0; n < 200_000; n++) {
            double d = switch (n % 4) {
                case 0 -> Double.parseDouble((random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(1000));
                case 1 -> Math.round(random.nextGaussian() * 1e6) / 1e4;
                case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (!Double.isFinite(d)) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            CopyText.appendNumber(out, d);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(out.toString())), out.toString());
        }
        for (double d : new double[] {4.5, 55.0, -0.05, 0.1, 31.2304, 121.4737, -273.15, 1000, 100, 0.0, -0.0, 1e-7, 123456789.25}) {
            StringBuilder out = new StringBuilder();
            CopyText.appendNumber(out, d);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(out.toString())), out.toString());
        }
        StringBuilder common = new StringBuilder();
        CopyText.appendNumber(common, 4.5);
        CopyText.appendNumber(common.append(','), -0.05);
        CopyText.appendNumber(common.append(','), 55.0);
        assertEquals("4.5,-0.05,55", common.toString());
        StringBuilder small = new StringBuilder();
        CopyText.appendNumber(small, 1e-12);
        assertFalse(small.toString().startsWith("0.000"), "not a long row of zeros: " + small);
    }
}
