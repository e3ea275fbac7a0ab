package org.prooftrail.store.epcis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.core.identifiers.EpcKey;

/**
 * What an EPCIS simple event query selects, as conditions on stored events with bound values, and
 * how it sorts. The API checks every value first (a CBV name or URI, an EPC URI, an RFC 3339 time);
 * this class only turns the checked values into SQL, in the order they are given.
 */
public final class EventFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SENSOR_FIELDS = Set.of("value", "minValue", "maxValue", "meanValue", "sDev",
            "percValue", "percRank");
    private static final Set<String> COMPARISONS = Set.of("==", ">", ">=", "<", "<=");

    /** Text columns an event is matched on by value. */
    public enum Field {
        EVENT_TYPE("e.event_type"), ACTION("e.action"), BIZ_STEP("e.biz_step"), DISPOSITION("e.disposition"),
        READ_POINT("e.read_point"), BIZ_LOCATION("e.biz_location"), EVENT_ID("e.event_id");

        final String column;

        Field(String column) {
            this.column = column;
        }
    }

    /** The two times of an event: when it happened, and when this server recorded it. */
    public enum Time {
        EVENT_TIME("event_time"), RECORD_TIME("record_time");

        final String column;

        Time(String column) {
            this.column = column;
        }
    }

    /**
     * One bound on a sensor report: {@code field} (value, minValue, ...) compared with {@code op}
     * (==, >, >=, <, <=) to {@code value} in unit {@code uom}.
     */
    public record SensorBound(String field, String op, String uom, BigDecimal value) {
        public SensorBound {
            if (!SENSOR_FIELDS.contains(field) || !COMPARISONS.contains(op)) {
                throw new IllegalArgumentException("no sensor bound " + field + " " + op);
            }
        }
    }

    /** Bind as a PostgreSQL text[]. */
    record TextArray(List<String> values) {
    }

    /** One SQL condition on {@code e} (epcis_event) with its values in order. */
    record Condition(String sql, List<Object> args) {
    }

    final List<Condition> conditions = new ArrayList<>();
    Time order = Time.EVENT_TIME;
    boolean descending = true;

    /**
     * The field is one of {@code values}. An eventID also matches the event's CBV 2.0 hash ID, the name an
     * event captured without an eventID goes by.
     */
    public EventFilter anyOf(Field field, List<String> values) {
        if (field == Field.EVENT_ID) {
            conditions.add(new Condition("(e.event_id = ANY(?) OR e.hash_id = ANY(?))",
                    List.of(new TextArray(values), new TextArray(values))));
        } else {
            conditions.add(new Condition(field.column + " = ANY(?)", List.of(new TextArray(values))));
        }
        return this;
    }

    /** At or after {@code from}. */
    public EventFilter atOrAfter(Time time, Instant from) {
        conditions.add(new Condition("e." + time.column + " >= ?", List.of(Timestamp.from(from))));
        return this;
    }

    /** Strictly before {@code until}. */
    public EventFilter before(Time time, Instant until) {
        conditions.add(new Condition("e." + time.column + " < ?", List.of(Timestamp.from(until))));
        return this;
    }

    /**
     * The event names, in one of {@code roles} (epc, child, parent, input, output, quantity), an
     * identifier equal to one of {@code exact} in any spelling (matched by the stored key, {@link EpcKey}:
     * an SGTIN URN finds the item written as a Digital Link and the other way round), or one whose stored
     * spelling matches one of {@code spellingPatterns}, or whose key matches one of {@code keyPatterns}
     * (regular expressions). Exact values alone are one probe of the key index per value.
     */
    public EventFilter names(List<String> roles, List<String> exact, List<String> spellingPatterns, List<String> keyPatterns) {
        List<String> keys = exact.stream().map(EpcKey::of).distinct().toList();
        List<String> any = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(new TextArray(roles));
        if (!keys.isEmpty()) {
            any.add("x.epc_key = ANY(?)");
            args.add(new TextArray(keys));
        }
        if (!spellingPatterns.isEmpty()) {
            any.add("x.epc ~ ANY(?)");
            args.add(new TextArray(spellingPatterns));
        }
        if (!keyPatterns.isEmpty()) {
            any.add("x.epc_key ~ ANY(?)");
            args.add(new TextArray(keyPatterns));
        }
        String match = any.isEmpty() ? "false" : String.join(" OR ", any);
        conditions.add(new Condition("EXISTS (SELECT 1 FROM event_epc x WHERE x.event_id = e.id "
                + "AND x.role = ANY(?) AND (" + match + "))", args));
        return this;
    }

    /**
     * Sensor filters apply to one and the same sensorReport (type, unit and bounds together), as a
     * jsonb path query whose text is built from fixed names only; values go in as path variables.
     * Nothing is added when both lists are empty.
     *
     * @param types measurement types as CBV names (each also matched with its {@code gs1:} prefix) or URIs
     */
    public EventFilter sensorReports(List<String> types, List<SensorBound> bounds) {
        condition(types, bounds).ifPresent(conditions::add);
        return this;
    }

    private static Optional<Condition> condition(List<String> types, List<SensorBound> values) {
        if (types.isEmpty() && values.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode vars = JSON.createObjectNode();
        List<String> parts = new ArrayList<>();
        if (!types.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                vars.put("t" + i, types.get(i));
                vars.put("g" + i, "gs1:" + types.get(i));
                any.add("@.type == $t" + i + " || @.type == $g" + i);
            }
            parts.add("(" + String.join(" || ", any) + ")");
        }
        for (int i = 0; i < values.size(); i++) {
            SensorBound v = values.get(i);
            vars.put("u" + i, v.uom());
            vars.put("v" + i, v.value());
            parts.add("(@.uom == $u" + i + " && @." + v.field() + " " + v.op() + " $v" + i + ")");
        }
        String path = "$.sensorElementList[*].sensorReport[*] ? (" + String.join(" && ", parts) + ")";
        return Optional.of(new Condition("jsonb_path_exists(e.doc, ?::jsonpath, ?::jsonb)", List.of(path, vars.toString())));
    }

    /** Sorts by {@code time} (then row id), newest first when {@code descending}; by default eventTime descending. */
    public EventFilter orderBy(Time time, boolean descending) {
        this.order = time;
        this.descending = descending;
        return this;
    }
}
