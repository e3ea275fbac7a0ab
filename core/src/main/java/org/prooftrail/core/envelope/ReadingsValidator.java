package org.prooftrail.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code readings} array and turns it into {@link Reading}s. The shape is documented in
 * docs/envelope.md. Unknown members are refused rather than ignored, so a misspelt {@code "tmp"}
 * is reported instead of silently losing the temperature.
 */
final class ReadingsValidator {
    static final Set<String> MEMBERS = Set.of("t", "temp", "hum", "lat", "lon", "x");
    /** Absolute zero; the upper bound only excludes nonsense, alarms are a business rule elsewhere. */
    static final double MIN_TEMP = -273.15;
    static final double MAX_TEMP = 1000;
    static final int MAX_EXTRA_METRICS = 64;
    static final int MAX_EXTRA_STRING = 256;
    static final int MAX_METRIC_NAME = 64;

    private ReadingsValidator() {
    }

    /** The readings, or null with the reasons recorded in {@code violations}. */
    static List<Reading> validate(JsonNode readings, int maxReadings, Violations violations) {
        if (!readings.isArray()) {
            violations.add("readings", "must be an array of readings, not " + JsonChecks.describe(readings));
            return null;
        }
        if (readings.isEmpty()) {
            violations.add("readings", "must hold at least one reading");
            return null;
        }
        if (readings.size() > maxReadings) {
            violations.add("readings", "holds " + readings.size() + " readings, more than the " + maxReadings + " accepted per envelope");
            return null;
        }
        List<Reading> out = new ArrayList<>(readings.size());
        for (int i = 0; i < readings.size(); i++) {
            Reading reading = reading(readings.get(i), "readings[" + i + "]", violations);
            if (reading != null) {
                out.add(reading);
            }
        }
        return violations.isEmpty() ? out : null;
    }

    private static Reading reading(JsonNode node, String path, Violations violations) {
        if (!node.isObject()) {
            violations.add(path, "must be an object, not " + JsonChecks.describe(node));
            return null;
        }
        int before = violations.count();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                violations.add(Excerpt.path(path, name), "unknown member (a reading has t, temp, hum, lat, lon and x, and other metrics go in x)");
            }
        }
        Instant t = null;
        JsonNode tNode = node.get("t");
        if (tNode == null) {
            violations.add(path + ".t", "is required");
        } else {
            t = JsonChecks.time(tNode, path + ".t", violations);
        }
        Double temp = optionalNumber(node, "temp", path, MIN_TEMP, MAX_TEMP, violations);
        Double hum = optionalNumber(node, "hum", path, 0, 100, violations);
        Double lat = optionalNumber(node, "lat", path, -90, 90, violations);
        Double lon = optionalNumber(node, "lon", path, -180, 180, violations);
        if (node.has("lat") != node.has("lon")) {
            violations.add(path, "lat and lon come together, but " + (node.has("lat") ? "lon" : "lat") + " is missing");
        }
        Map<String, Object> extra = node.has("x") ? extra(node.get("x"), path + ".x", violations) : Map.of();
        return violations.count() == before ? new Reading(t, temp, hum, lat, lon, extra) : null;
    }

    private static Double optionalNumber(JsonNode node, String name, String path, double min, double max, Violations violations) {
        JsonNode value = node.get(name);
        return value == null ? null : JsonChecks.number(value, path + "." + name, min, max, violations);
    }

    private static Map<String, Object> extra(JsonNode x, String path, Violations violations) {
        if (!x.isObject()) {
            violations.add(path, "must be an object of named metrics, not " + JsonChecks.describe(x));
            return Map.of();
        }
        if (x.size() > MAX_EXTRA_METRICS) {
            violations.add(path, "holds " + x.size() + " metrics, more than the " + MAX_EXTRA_METRICS + " accepted");
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = x.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            String name = metric.getKey();
            JsonNode value = metric.getValue();
            if (!isMetricName(name)) {
                violations.add(path, "metric name " + Excerpt.quote(name)
                        + " must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or '_'");
                continue;
            }
            String metricPath = Excerpt.path(path, name);
            if (value.isNumber()) {
                Double d = JsonChecks.number(value, metricPath, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, violations);
                if (d != null) {
                    out.put(name, d);
                }
            } else if (value.isTextual()) {
                if (value.textValue().length() > MAX_EXTRA_STRING) {
                    violations.add(metricPath, "is " + value.textValue().length() + " characters long, more than the " + MAX_EXTRA_STRING + " accepted");
                } else {
                    out.put(name, value.textValue());
                }
            } else if (value.isBoolean()) {
                out.put(name, value.booleanValue());
            } else {
                violations.add(metricPath, "must be a number, string or boolean, not " + JsonChecks.describe(value));
            }
        }
        return out;
    }

    /**
     * {@code [A-Za-z_][A-Za-z0-9_.-]{0,63}}, checked by hand: a regex matcher per metric was a tenth of
     * the CPU of checking ten readings with two metrics each (without the signature).
     */
    static boolean isMetricName(String name) {
        int n = name.length();
        if (n == 0 || n > MAX_METRIC_NAME) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }
}
