package org.prooftrail.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

/** Small typed reads of JSON values that record a precise violation instead of failing. */
final class JsonChecks {
    private JsonChecks() {
    }

    /** The text, or null after recording why the value is not a string. */
    static String string(JsonNode value, String path, Violations violations) {
        if (!value.isTextual()) {
            violations.add(path, "must be a string, not " + describe(value));
            return null;
        }
        return value.textValue();
    }

    /** A finite number within [min, max], or null after recording why not. */
    static Double number(JsonNode value, String path, double min, double max, Violations violations) {
        if (!value.isNumber()) {
            violations.add(path, "must be a number, not " + describe(value));
            return null;
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            violations.add(path, "is too large to be a number");
            return null;
        }
        if (d < min) {
            violations.add(path, show(value) + " is below the minimum " + show(min));
            return null;
        }
        if (d > max) {
            violations.add(path, show(value) + " is above the maximum " + show(max));
            return null;
        }
        return d;
    }

    static Instant time(JsonNode value, String path, Violations violations) {
        String text = string(value, path, violations);
        if (text == null) {
            return null;
        }
        Instant instant = Timestamps.parse(text).orElse(null);
        if (instant == null) {
            violations.add(path, Excerpt.quote(text) + " is not " + Timestamps.expected());
        } else if (instant.isBefore(Timestamps.EARLIEST)) {
            violations.add(path, Excerpt.quote(text) + " is before " + Timestamps.EARLIEST
                    + "; the device's clock is not set");
            return null;
        }
        return instant;
    }

    /** An absolute URI (RFC 3986 with a scheme), the JSON schema {@code uri} format; false if not. */
    static boolean uri(JsonNode value, String path, Violations violations) {
        String text = string(value, path, violations);
        if (text == null) {
            return false;
        }
        if (!isAbsoluteUri(text)) {
            violations.add(path, Excerpt.quote(text) + " is not an absolute URI");
            return false;
        }
        return true;
    }

    static boolean isAbsoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** "a string", "null", "an array", ... for messages. */
    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String show(JsonNode number) {
        return number.isIntegralNumber() ? number.asText() : show(number.doubleValue());
    }

    /**
     * What was sent where an integer was expected, for "must be ..., not " messages: the integer
     * ({@code -1}, {@code 9223372036854775808}), the number ({@code 1.5}), a whole number written with a
     * fraction or exponent ({@code 5.0}, {@code 1e20}), one too large for a double ({@code 1e999}), or what
     * kind of value came instead of a number.
     */
    static String sent(JsonNode value) {
        if (!value.isNumber()) {
            return describe(value);
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            return "a number beyond the range of a double (-1.8E+308 to 1.8E+308)";
        }
        return show(d) + (d == Math.rint(d) ? " written with a fraction or exponent" : "");
    }

    /**
     * 140 rather than 140.0, and no 300-digit expansions: 1E+20 and 4.9E-324 in scientific notation.
     * Never throws: BigDecimal has no infinity, and a seq of 1e999 (read as one) once made this throw and
     * the envelope fall through to "could not be checked", with a stack trace logged for each.
     */
    static String show(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        BigDecimal exact = BigDecimal.valueOf(d).stripTrailingZeros();
        double magnitude = Math.abs(d);
        return magnitude < 1e15 && (magnitude >= 1e-6 || d == 0) ? exact.toPlainString() : exact.toString();
    }
}
