package org.prooftrail.api.epcis;

import io.vertx.core.MultiMap;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prooftrail.core.envelope.EpcisEventType;
import org.prooftrail.core.envelope.EpcisTerms;
import org.prooftrail.store.epcis.EventFilter;

/**
 * An EPCIS simple event query from URL parameters (GS1 REST bindings, query-schema.json), checked
 * and turned into the store's {@link EventFilter}. Every value must be one an event could hold
 * (a CBV name or URI, an EPC URI, an RFC 3339 time), so nonsense is a 400 naming the parameter, not
 * an empty result. Unknown parameters are refused, as the EPCIS query interface demands
 * (QueryParameterException).
 */
final class EventQuery {
    static final int MAX_VALUE_CHARS = 2000;
    private static final Pattern SENSOR_VALUE = Pattern.compile(
            "(EQ|GT|GE|LT|LE)_(value|minValue|maxValue|meanValue|sDev|percValue|percRank)_([A-Za-z0-9]{1,10})");
    private static final Map<String, String> OPS = Map.of("EQ", "==", "GT", ">", "GE", ">=", "LT", "<", "LE", "<=");
    private static final Map<String, List<String>> MATCH_ROLES = Map.of(
            "MATCH_epc", List.of("epc", "child"),
            "MATCH_parentID", List.of("parent"),
            "MATCH_inputEPC", List.of("input"),
            "MATCH_outputEPC", List.of("output"),
            "MATCH_anyEPC", List.of("epc", "child", "parent", "input", "output"),
            "MATCH_epcClass", List.of("quantity"));
    static final Set<String> FIXED = Set.of("eventType", "GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime",
            "EQ_action", "EQ_bizStep", "EQ_disposition", "EQ_readPoint", "EQ_bizLocation", "EQ_eventID", "EQ_type",
            "MATCH_epc", "MATCH_parentID", "MATCH_inputEPC", "MATCH_outputEPC", "MATCH_anyEPC", "MATCH_epcClass",
            "orderBy", "orderDirection", "eventCountLimit", "perPage", "nextPageToken");

    /** A query the caller must fix; the message names the parameter. */
    static final class BadQuery extends Exception {
        BadQuery(String message) {
            super(message);
        }
    }

    final EventFilter filter = new EventFilter();
    private EventFilter.Time order = EventFilter.Time.EVENT_TIME;
    private boolean descending = true;
    Long countLimit;
    int perPage;
    String pageToken;
    /** The parameters that define the result set, canonical, for binding page tokens to the query. */
    final TreeMap<String, String> defining = new TreeMap<>();

    static EventQuery parse(MultiMap params, int defaultPerPage, int maxPerPage) throws BadQuery {
        EventQuery q = new EventQuery();
        q.perPage = defaultPerPage;
        List<String> unknown = new ArrayList<>();
        for (String name : params.names()) {
            if (!FIXED.contains(name) && !SENSOR_VALUE.matcher(name).matches()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadQuery("unsupported query parameter" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.stream()
                    .map(EventQuery::shorten).toList()) + "; this server supports " + String.join(", ", new java.util.TreeSet<>(FIXED))
                    + " and sensor filters like GT_maxValue_CEL");
        }
        SensorFilter sensor = new SensorFilter();
        for (String name : params.names()) {
            List<String> all = params.getAll(name);
            if (all.size() > 1) {
                throw new BadQuery(name + ": given " + all.size() + " times; give it once, with comma-separated values for OR");
            }
            String value = all.get(0);
            if (value.length() > MAX_VALUE_CHARS) {
                throw new BadQuery(name + ": " + value.length() + " characters; at most " + MAX_VALUE_CHARS);
            }
            if (!name.equals("perPage") && !name.equals("nextPageToken")) {
                q.defining.put(name, value);
            }
            q.add(name, value, sensor, maxPerPage);
        }
        q.filter.sensorReports(sensor.types, sensor.values);
        q.filter.orderBy(q.order, q.descending);
        return q;
    }

    private void add(String name, String value, SensorFilter sensor, int maxPerPage) throws BadQuery {
        switch (name) {
            case "eventType" -> in(EventFilter.Field.EVENT_TYPE, name, list(name, value, v ->
                    EpcisEventType.fromName(v).map(Enum::name).orElse(null), "one of ObjectEvent, AggregationEvent, "
                            + "TransactionEvent, TransformationEvent, AssociationEvent"));
            case "GE_eventTime" -> filter.atOrAfter(EventFilter.Time.EVENT_TIME, time(name, value));
            case "LT_eventTime" -> filter.before(EventFilter.Time.EVENT_TIME, time(name, value));
            case "GE_recordTime" -> filter.atOrAfter(EventFilter.Time.RECORD_TIME, time(name, value));
            case "LT_recordTime" -> filter.before(EventFilter.Time.RECORD_TIME, time(name, value));
            case "EQ_action" -> in(EventFilter.Field.ACTION, name, list(name, value, v -> Set.of("ADD", "OBSERVE", "DELETE").contains(v) ? v : null,
                    "ADD, OBSERVE or DELETE"));
            case "EQ_bizStep" -> in(EventFilter.Field.BIZ_STEP, name, list(name, value, v -> EpcisTerms.bizStep(v).orElse(null),
                    "a CBV business step like shipping, or a URI"));
            case "EQ_disposition" -> in(EventFilter.Field.DISPOSITION, name, list(name, value, v -> EpcisTerms.disposition(v).orElse(null),
                    "a CBV disposition like in_transit, or a URI"));
            case "EQ_readPoint" -> in(EventFilter.Field.READ_POINT, name, uris(name, value));
            case "EQ_bizLocation" -> in(EventFilter.Field.BIZ_LOCATION, name, uris(name, value));
            case "EQ_eventID" -> in(EventFilter.Field.EVENT_ID, name, uris(name, value));
            case "EQ_type" -> sensor.types.addAll(list(name, value, v -> EpcisTerms.measurementType(v).orElse(null),
                    "a GS1 measurement type like Temperature, or a URI"));
            case "orderBy" -> order = switch (value) {
                case "eventTime" -> EventFilter.Time.EVENT_TIME;
                case "recordTime" -> EventFilter.Time.RECORD_TIME;
                default -> throw new BadQuery("orderBy: " + quote(value) + " is not eventTime or recordTime");
            };
            case "orderDirection" -> descending = switch (value) {
                case "DESC" -> true;
                case "ASC" -> false;
                default -> throw new BadQuery("orderDirection: " + quote(value) + " is not ASC or DESC");
            };
            case "eventCountLimit" -> countLimit = (long) integer(name, value, 1, Integer.MAX_VALUE);
            case "perPage" -> perPage = integer(name, value, 1, maxPerPage);
            case "nextPageToken" -> pageToken = value;
            default -> {
                List<String> roles = MATCH_ROLES.get(name);
                if (roles != null) {
                    List<String> exact = new ArrayList<>();
                    List<String> patterns = new ArrayList<>();
                    List<String> keyPatterns = new ArrayList<>();
                    for (String v : uris(name, value)) {
                        String regex = EpcPatterns.regex(v);
                        if (regex != null) {
                            patterns.add(regex);
                            String keyRegex = EpcPatterns.keyRegex(v);
                            if (keyRegex != null) {
                                keyPatterns.add(keyRegex);
                            }
                        } else if (v.startsWith(EpcPatterns.PREFIX)) {
                            throw new BadQuery(name + ": " + quote(v) + " is not an EPC pattern like "
                                    + "urn:epc:idpat:sgtin:4012345.011111.* (each field a value or *)");
                        } else {
                            exact.add(v);
                        }
                    }
                    filter.names(roles, exact, patterns, keyPatterns);
                    return;
                }
                Matcher m = SENSOR_VALUE.matcher(name);
                if (!m.matches()) {
                    throw new BadQuery("unsupported query parameter " + shorten(name));
                }
                if (!EpcisTerms.isUnitCode(m.group(3))) {
                    throw new BadQuery(name + ": " + quote(m.group(3)) + " is not a UN/ECE unit code like CEL or KGM");
                }
                BigDecimal number;
                try {
                    number = new BigDecimal(value);
                } catch (NumberFormatException e) {
                    throw new BadQuery(name + ": " + quote(value) + " is not a number");
                }
                if (value.length() > 40) {
                    throw new BadQuery(name + ": numbers of at most 40 characters, please");
                }
                sensor.values.add(new EventFilter.SensorBound(m.group(2), OPS.get(m.group(1)), m.group(3), number));
            }
        }
    }

    private void in(EventFilter.Field field, String name, List<String> values) {
        filter.anyOf(field, values);
    }

    private static List<String> list(String name, String value, Function<String, String> normal, String expected) throws BadQuery {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String v = part.trim();
            String n = v.isEmpty() ? null : normal.apply(v);
            if (n == null) {
                throw new BadQuery(name + ": " + quote(v) + " is not " + expected);
            }
            out.add(n);
        }
        return out;
    }

    private static List<String> uris(String name, String value) throws BadQuery {
        return list(name, value, v -> EpcisTerms.isUri(v) ? v : null, "an absolute URI (e.g. urn:epc:id:sgtin:0614141.107346.2018)");
    }

    private static Instant time(String name, String value) throws BadQuery {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadQuery(name + ": " + quote(value) + " is not an RFC 3339 date-time like 2025-06-01T08:30:00Z "
                    + "(in a URL, write + in an offset as %2B)");
        }
    }

    private static int integer(String name, String value, int min, int max) throws BadQuery {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadQuery(name + ": " + quote(value) + " is not an integer from " + min + " to " + max);
    }

    static String quote(String text) {
        return "\"" + shorten(text).replace("\"", "\\\"") + "\"";
    }

    private static String shorten(String text) {
        String t = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        StringBuilder out = new StringBuilder();
        t.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? '?' : (char) c));
        return out.toString();
    }

    byte[] digest(String path, String scope) {
        StringBuilder canonical = new StringBuilder(path).append('\n').append(scope);
        defining.forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
        return ServerAttestation.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sensor filters, collected over all parameters: they apply to one and the same sensorReport. */
    private static final class SensorFilter {
        final List<String> types = new ArrayList<>();
        final List<EventFilter.SensorBound> values = new ArrayList<>();
    }
}
