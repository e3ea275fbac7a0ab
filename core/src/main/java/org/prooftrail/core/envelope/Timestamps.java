package org.prooftrail.core.envelope;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3339 date-times, which JSON schema's {@code date-time} format also means: seconds and an offset
 * ({@code Z} or {@code +hh:mm}) are required, fractions are optional. ISO 8601 allows more spellings
 * ({@code 20240101T1200Z}, no seconds, no offset); those are refused because a time without an offset
 * is ambiguous and cold-chain verdicts depend on exact times.
 *
 * <p>Times before {@link #EARLIEST} are refused too: no device speaking this protocol read anything
 * then, and a year 0001 or 1970 is a device whose clock was never set. (Times too far ahead are
 * refused where a clock is known: ingest compares them with its own, see its CLOCK_SKEW rejections.)
 */
final class Timestamps {
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** Fractions beyond nanoseconds cannot be represented by {@link Instant}. */
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private Timestamps() {
    }

    static Optional<Instant> parse(String text) {
        if (text.length() > 40 || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    static String expected() {
        return "an RFC 3339 date-time with offset, like 2025-06-01T08:30:00Z or 2025-06-01T16:30:00.250+08:00";
    }
}
