package org.prooftrail.core.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Timestamps#parse} must answer exactly as the regex and {@code OffsetDateTime.parse} it replaced. */
class TimestampsTest {
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    /** The former implementation. */
    private static Optional<Instant> reference(String text) {
        if (text.length() > 40 || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private int accepted;
    private int refused;

    private void same(String text) {
        Optional<Instant> expected = reference(text);
        Optional<Instant> actual = Timestamps.parse(text);
        if (!expected.equals(actual)) {
            fail("\"" + text + "\": before " + expected + ", now " + actual);
        }
        if (expected.isPresent()) {
            accepted++;
        } else {
            refused++;
        }
    }

    private static final String[] OFFSETS = {"Z", "z", "+00:00", "-00:00", "+08:00", "-05:30", "+05:45", "+14:00",
        "-12:00", "+18:00", "-18:00", "+17:59", "-17:59", "+18:01", "-18:01", "+19:00", "-19:00", "+23:59",
        "+24:00", "+99:99", "+00:60", "+00:59", "-09:59"};
    private static final String[] FRACTIONS = {"", ".0", ".5", ".25", ".250", ".1234", ".12345", ".123456",
        ".1234567", ".12345678", ".123456789", ".999999999", ".000000001"};

    /** Valid-looking times of every day of 1999 to 2100 and of some far years, with out-of-range fields too. */
    private static List<String> generated() {
        Random random = new Random(20261130L);
        List<String> all = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        for (int y = 1999; y <= 2100; y++) {
            years.add(y);
        }
        years.addAll(List.of(0, 1, 4, 100, 400, 1600, 1700, 1800, 1900, 1969, 1970, 2200, 2400, 9996, 9999));
        String[] validOffsets = {"Z", "z", "+00:00", "+08:00", "-05:30", "+05:45", "+14:00", "-12:00", "+18:00"};
        for (int year : years) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    boolean wrongTime = random.nextInt(8) == 0;
                    String time = wrongTime
                            ? pick(random, "24:00:00", "23:60:00", "23:59:60", "25:00:00", "99:99:99", "00:00:00")
                            : two(random.nextInt(24)) + ":" + two(random.nextInt(60)) + ":" + two(random.nextInt(60));
                    String offset = random.nextInt(4) == 0 ? pick(random, OFFSETS) : pick(random, validOffsets);
                    all.add(four(year) + "-" + two(month) + "-" + two(day) + pick(random, "T", "t") + time
                            + pick(random, FRACTIONS) + offset);
                }
            }
        }
        return all;
    }

    private static String four(int value) {
        return "000".substring(0, 4 - Math.min(4, Integer.toString(value).length())) + value;
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    @Test
    void generatedTimesAnswerAsBefore() {
        for (String text : generated()) {
            same(text);
        }
        assertTrue(accepted > 15_000 && refused > 15_000, accepted + " accepted, " + refused + " refused");
    }

    @Test
    void everyFractionAndOffset() {
        for (String fraction : FRACTIONS) {
            for (String offset : OFFSETS) {
                same("2024-02-29T23:59:59" + fraction + offset);
                same("2023-02-29T23:59:59" + fraction + offset);
                same("2000-02-29t00:00:00" + fraction + offset);
                same("2100-02-29T00:00:00" + fraction + offset);
                same("0000-01-01T00:00:00" + fraction + offset);
                same("9999-12-31T23:59:59" + fraction + offset);
            }
        }
    }

    @Test
    void eachCharacterReplacedRemovedOrDoubled() {
        String[] bases = {"2025-06-01T08:30:00Z", "2025-06-01T16:30:00.250+08:00", "2024-02-29t23:59:59.123456789-18:00",
            "2000-01-01T00:00:00z"};
        char[] wrong = {'0', '1', '2', '3', '5', '6', '9', '-', '+', ':', '.', 'T', 't', 'Z', 'z', ' ', 'x', '/', '\0',
            '\u0660', '\u0661', '\u06F5', '\u0966', '\uFF11', '\u00B9', '\u00BD', '\u2212', 'ｚ', 'İ', 'ı'};
        for (String base : bases) {
            same(base);
            for (int i = 0; i < base.length(); i++) {
                for (char c : wrong) {
                    same(base.substring(0, i) + c + base.substring(i + 1));
                    same(base.substring(0, i) + c + base.substring(i));
                }
                same(base.substring(0, i) + base.substring(i + 1));
                same(base.substring(0, i));
                same(base.substring(i));
                same(base.substring(0, i) + base.charAt(i) + base.substring(i));
            }
            same(base + "Z");
            same(base + " ");
            same(" " + base);
            same(base + "\n");
        }
    }

    @Test
    void namedCases() {
        for (String text : new String[] {"", "2025-06-01", "2025-06-01T08:30Z", "2025-06-01T08:30:00", "20250601T083000Z",
            "2025-06-01 08:30:00Z", "2025-06-01T08:30:00.Z", "2025-06-01T08:30:00.1234567890Z", "+2025-06-01T08:30:00Z",
            "-2025-06-01T08:30:00Z", "02025-06-01T08:30:00Z", "2025-06-01T08:30:00+08", "2025-06-01T08:30:00+0800",
            "2025-06-01T08:30:00+08:00:00", "2025-06-01T08:30:00.5+08:00[Asia/Shanghai]",
            "\u0662\u0660\u0662\u0665-06-01T08:30:00Z", "2025-06-01T08:30:00.\u0661Z", "2025-06-01T24:00:00Z",
            "2025-06-01T23:60:00Z", "2025-06-01T23:59:60Z", "2025-13-01T00:00:00Z", "2025-06-32T00:00:00Z",
            "2025-06-31T00:00:00Z", "2025-06-01T00:00:00+18:01", "2025-06-01T00:00:00+19:00",
            "2025-06-01T00:00:00-00:00", "2025-06-01T00:00:00.123456789012345678901+08:00"}) {
            same(text);
        }
        assertEquals(Optional.of(Instant.parse("2025-06-01T08:30:00.250Z")),
                Timestamps.parse("2025-06-01T16:30:00.25+08:00"));
        assertEquals(Optional.empty(), Timestamps.parse("2025-06-01T23:59:60Z"));
        assertEquals(Optional.empty(), Timestamps.parse("\u0662\u0660\u0662\u0665-06-01T08:30:00Z"));
        assertEquals(Optional.of(Instant.parse("2025-06-01T00:00:00Z")), Timestamps.parse("2025-06-01t00:00:00-00:00"));
    }
}
