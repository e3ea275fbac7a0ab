package org.prooftrail.core.envelope;

import java.time.Instant;
import java.util.Optional;

/**
 * RFC 3339 date-times, which JSON schema's {@code date-time} format also means: seconds and an offset
 * ({@code Z} or {@code +hh:mm}) are required, fractions are optional. ISO 8601 allows more spellings
 * ({@code 20240101T1200Z}, no seconds, no offset); those are refused because a time without an offset
 * is ambiguous and cold-chain verdicts depend on exact times.
 *
 * <p>Times before {@link #EARLIEST} are refused too: no device speaking this protocol read anything
 * then, and a year 0001 or 1970 is a device whose clock was never set. (Times too far ahead are
 * refused where a clock is known: ingest compares them with its own, see its CLOCK_SKEW rejections.)
 *
 * <p>Parsed by hand at fixed positions rather than with a regex and {@code OffsetDateTime.parse}: those
 * allocated a matcher, an upper-cased copy and the formatter's parse state for every time, several per
 * envelope, about 2 GB sampled in 5 minutes of ingest at 2,500 envelopes/s. The rules are the ones that
 * pair applied (ISO_OFFSET_DATE_TIME, strict): ASCII digits only, month 1-12, a day that exists in that
 * month and year, hour 0-23, minute and second 0-59 (no leap second), offset minutes 0-59 and the offset
 * within +-18:00 ({@code -00:00} is accepted); TimestampsTest compares the two on generated input.
 */
final class Timestamps {
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final int DAYS_0000_TO_1970 = 719_528;

    private Timestamps() {
    }

    static Optional<Instant> parse(String text) {
        int n = text.length();
        // yyyy-MM-ddTHH:mm:ss then Z, or +hh:mm at the least; fractions beyond nanoseconds cannot be
        // represented by Instant.
        if (n > 40 || n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || (text.charAt(10) != 'T' && text.charAt(10) != 't')) {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Optional.empty();
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(text.charAt(i))) {
                nanos = nanos * 10 + (text.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0) {
                return Optional.empty();
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= n) {
            return Optional.empty();
        }
        int offsetSeconds;
        char sign = text.charAt(i);
        if ((sign == 'Z' || sign == 'z') && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((sign == '+' || sign == '-') && i + 6 == n && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return Optional.empty();
            }
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
            if (offsetSeconds > 18 * 3600) {
                return Optional.empty();
            }
            if (sign == '-') {
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return Optional.empty();
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    static String expected() {
        return "an RFC 3339 date-time with offset, like 2025-06-01T08:30:00Z or 2025-06-01T16:30:00.250+08:00";
    }

    /** The value of {@code count} ASCII digits from {@code start}, or -1 if any is not one. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                return isLeap(year) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** Days from 1970-01-01 to a date of year 0 to 9999, as {@code LocalDate.toEpochDay} counts them. */
    private static long epochDay(int year, int month, int day) {
        long days = 365L * year + (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        days += (367 * month - 362) / 12 + day - 1;
        if (month > 2) {
            days -= isLeap(year) ? 1 : 2;
        }
        return days - DAYS_0000_TO_1970;
    }
}
