package org.prooftrail.api.epcis;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GS1 query schedule (EPCIS 2.0 REST bindings, QueryScheduleSubscription): fields {@code second},
 * {@code minute}, {@code hour}, {@code dayOfMonth}, {@code month} and {@code dayOfWeek} (1 = Monday ...
 * 7 = Sunday), each a comma-separated list of numbers and ranges {@code [a-b]}, as the bindings'
 * pattern allows. A time matches when every field matches, in UTC. An omitted {@code second} means 0
 * (so {hour: 1, minute: 5} runs once a day at 01:05:00); any other omitted field matches every value.
 * Anything else (steps like {@code 0/30}, {@code *}, names) is refused with the field named.
 */
final class QuerySchedule {
    private static final Pattern ELEMENT = Pattern.compile("(\\d{1,2})|\\[(\\d{1,2})-(\\d{1,2})\\]");
    /** Field name, smallest and largest value. */
    private static final Map<String, int[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("second", new int[] {0, 59});
        FIELDS.put("minute", new int[] {0, 59});
        FIELDS.put("hour", new int[] {0, 23});
        FIELDS.put("dayOfMonth", new int[] {1, 31});
        FIELDS.put("month", new int[] {1, 12});
        FIELDS.put("dayOfWeek", new int[] {1, 7});
    }

    /** A schedule the client must fix; the message names the field. */
    static final class BadSchedule extends Exception {
        BadSchedule(String message) {
            super(message);
        }
    }

    private final Map<String, BitSet> allowed;

    private QuerySchedule(Map<String, BitSet> allowed) {
        this.allowed = allowed;
    }

    static QuerySchedule parse(JsonObject schedule) throws BadSchedule {
        if (schedule == null || schedule.isEmpty()) {
            throw new BadSchedule("schedule: give at least one of " + String.join(", ", FIELDS.keySet()));
        }
        for (String name : schedule.fieldNames()) {
            if (!FIELDS.containsKey(name)) {
                throw new BadSchedule("schedule." + name + ": not a schedule field; use " + String.join(", ", FIELDS.keySet()));
            }
        }
        Map<String, BitSet> allowed = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> f : FIELDS.entrySet()) {
            String name = f.getKey();
            int min = f.getValue()[0];
            int max = f.getValue()[1];
            BitSet set = new BitSet(max + 1);
            Object raw = schedule.getValue(name);
            if (raw == null) {
                if (name.equals("second")) {
                    set.set(0);
                } else {
                    set.set(min, max + 1);
                }
            } else {
                if (!(raw instanceof String) && !(raw instanceof Number)) {
                    throw new BadSchedule("schedule." + name + ": give a string like \"5\", \"1,15\" or \"[1-5]\"");
                }
                for (String part : raw.toString().split(",", -1)) {
                    Matcher m = ELEMENT.matcher(part.trim());
                    if (!m.matches()) {
                        throw new BadSchedule("schedule." + name + ": '" + part.trim() + "' is not a number or a range [a-b]; "
                                + "this server supports comma-separated numbers and ranges, as the GS1 bindings define");
                    }
                    int from = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                    int to = m.group(1) != null ? from : Integer.parseInt(m.group(3));
                    if (from < min || to > max || from > to) {
                        throw new BadSchedule("schedule." + name + ": '" + part.trim() + "' is outside " + min + " to " + max
                                + (from > to ? " or runs backwards" : ""));
                    }
                    set.set(from, to + 1);
                }
            }
            allowed.put(name, set);
        }
        return new QuerySchedule(allowed);
    }

    /** The first matching time strictly after {@code t}, or null when none comes within eight years (e.g. 31 February). */
    Instant next(Instant t) {
        LocalDateTime at = LocalDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        LocalDateTime end = at.plusYears(8);
        while (at.isBefore(end)) {
            if (!allowed.get("month").get(at.getMonthValue())) {
                at = at.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!allowed.get("dayOfMonth").get(at.getDayOfMonth()) || !allowed.get("dayOfWeek").get(at.getDayOfWeek().getValue())) {
                at = at.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!allowed.get("hour").get(at.getHour())) {
                at = at.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!allowed.get("minute").get(at.getMinute())) {
                at = at.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!allowed.get("second").get(at.getSecond())) {
                at = at.plusSeconds(1);
            } else {
                return at.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }
}
