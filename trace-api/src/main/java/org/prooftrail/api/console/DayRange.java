package org.prooftrail.api.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A range of whole days as a filter form gives it ({@code 2026-03-01}, either end may be empty) and as
 * the API's {@code from}/{@code to} query parameters take it: from the first day's start to the end of
 * the last day (UTC), so "to 2026-03-01" includes that day.
 */
final class DayRange {
    private DayRange() {
    }

    /**
     * Appends {@code &from=...&to=...} for the ends given.
     *
     * @throws DateTimeParseException when an end is not a day like 2026-03-01
     */
    static void append(StringBuilder query, String from, String to) {
        if (!from.isEmpty()) {
            query.append("&from=").append(LocalDate.parse(from)).append("T00:00:00Z");
        }
        if (!to.isEmpty()) {
            query.append("&to=").append(LocalDate.parse(to).plusDays(1)).append("T00:00:00Z");
        }
    }

    /** What a form shows when a day could not be read. */
    static String problem(ConsoleRequest r) {
        return r.t("Days are written like 2026-03-01.", "日期格式应为 2026-03-01。");
    }
}
