package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chart's number formatting, which replaced {@code String.format} on the page's hot path. */
class TemperatureChartTest {
    private static String tenths(double v) {
        return TemperatureChart.tenths(new StringBuilder(), v).toString();
    }

    @Test
    void oneDecimalRoundedHalfAwayFromZero() {
        assertEquals("0.0", tenths(0));
        assertEquals("12.3", tenths(12.34));
        assertEquals("12.4", tenths(12.36));
        assertEquals("100.0", tenths(99.96));
        assertEquals("-3.3", tenths(-3.26));
        assertEquals("0.0", tenths(-0.04), "no negative zero");
        assertEquals("640.0", tenths(640));
    }

    @Test
    void agreesWithStringFormatAwayFromTies() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            double v = r.nextDouble() * 2000 - 1000;
            double frac = Math.abs(v * 10) % 1;
            if (Math.abs(frac - 0.5) < 1e-6 || Math.abs(v) < 0.05) {
                continue; // ties and negative zero are where the two may differ, harmlessly
            }
            assertEquals(String.format(Locale.ROOT, "%.1f", v), tenths(v), Double.toString(v));
        }
    }
}
