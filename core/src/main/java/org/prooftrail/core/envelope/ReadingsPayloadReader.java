package org.prooftrail.core.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a readings payload in one streaming pass straight into its {@link VerifiedEnvelope}: no JSON
 * tree, no second walk over it, no set of member names per object. Readings are almost all of what
 * ingest receives, and building the tree and walking it (twice: for unstorable text, then for the rules)
 * were four fifths of the CPU of checking them besides the signature.
 *
 * <p>A shortcut, not a second set of rules: it accepts only what {@link PayloadValidator} accepts, and
 * yields the same envelope. At the first thing it does not expect, a broken rule, an unknown or
 * repeated member, or only an unusual spelling (a big integer, a long number literal), it answers
 * null and the tree path decides. So every rejection, its reason and its message come from the tree
 * path, and none is written here. ReadingsPayloadReaderTest holds the two to that on mutated payloads.
 */
final class ReadingsPayloadReader {
    private static final int DEV = 1;
    private static final int SEQ = 2;
    private static final int TS = 4;
    private static final int READINGS = 8;
    private static final int T = 1;
    private static final int TEMP = 2;
    private static final int HUM = 4;
    private static final int LAT = 8;
    private static final int LON = 16;
    private static final int X = 32;
    /** Longer number literals are left to the tree path, which applies the parser's length limit. */
    private static final int MAX_SHORT_NUMBER = 24;

    private final JsonFactory factory;
    private final int maxReadings;

    /** @param factory from {@link StrictJson#factoryWithoutDuplicateCheck}, with the tree path's limits */
    ReadingsPayloadReader(JsonFactory factory, int maxReadings) {
        this.factory = factory;
        this.maxReadings = maxReadings;
    }

    /** The envelope, or null when the tree path must decide. */
    VerifiedEnvelope read(byte[] raw, Jws jws, String deviceId) {
        try (JsonParser p = factory.createParser(jws.payload())) {
            return envelope(p, raw, jws, deviceId);
        } catch (IOException e) {
            return null;
        }
    }

    private VerifiedEnvelope envelope(JsonParser p, byte[] raw, Jws jws, String deviceId) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String dev = null;
        long seq = -1;
        Instant ts = null;
        List<Reading> readings = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            int member;
            switch (name) {
                case "dev":
                    member = DEV;
                    dev = p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "seq":
                    member = SEQ;
                    seq = sequence(p);
                    break;
                case "ts":
                    member = TS;
                    ts = time(p);
                    break;
                case "readings":
                    member = READINGS;
                    readings = readings(p);
                    break;
                default:
                    return null;
            }
            if ((seen & member) != 0 || (member == DEV && dev == null) || (member == SEQ && seq < 0)
                    || (member == TS && ts == null) || (member == READINGS && readings == null)) {
                return null;
            }
            seen |= member;
        }
        if (seen != (DEV | SEQ | TS | READINGS) || p.nextToken() != null) {
            return null;
        }
        if (!dev.equals(deviceId) || dev.isEmpty() || dev.length() > PayloadValidator.MAX_DEVICE_ID_CHARS
                || !StrictJson.isStorable(dev)) {
            return null;
        }
        return new VerifiedEnvelope(raw, jws.alg(), jws.kid(), dev, seq, ts, new Readings(readings));
    }

    /** An integer from 0 to Long.MAX_VALUE, or -1. */
    private static long sequence(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return -1;
        }
        long value = p.getLongValue();
        return value < 0 ? -1 : value;
    }

    /** An RFC 3339 time not before 2000, or null. Every character is checked, so none is unstorable. */
    private static Instant time(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        Instant t = Timestamps.parse(p.getText()).orElse(null);
        return t == null || t.isBefore(Timestamps.EARLIEST) ? null : t;
    }

    private List<Reading> readings(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<Reading> out = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token != JsonToken.START_OBJECT || out.size() == maxReadings) {
                return null;
            }
            Reading reading = reading(p);
            if (reading == null) {
                return null;
            }
            out.add(reading);
        }
        return out.isEmpty() ? null : out;
    }

    private static Reading reading(JsonParser p) throws IOException {
        Instant t = null;
        Double temp = null;
        Double hum = null;
        Double lat = null;
        Double lon = null;
        Map<String, Object> x = null;
        int seen = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            int member;
            Object value;
            switch (name) {
                case "t":
                    member = T;
                    value = t = time(p);
                    break;
                case "temp":
                    member = TEMP;
                    value = temp = number(p, ReadingsValidator.MIN_TEMP, ReadingsValidator.MAX_TEMP);
                    break;
                case "hum":
                    member = HUM;
                    value = hum = number(p, 0, 100);
                    break;
                case "lat":
                    member = LAT;
                    value = lat = number(p, -90, 90);
                    break;
                case "lon":
                    member = LON;
                    value = lon = number(p, -180, 180);
                    break;
                case "x":
                    member = X;
                    value = x = extra(p);
                    break;
                default:
                    return null;
            }
            if (value == null || (seen & member) != 0) {
                return null;
            }
            seen |= member;
        }
        if (t == null || (lat == null) != (lon == null)) {
            return null;
        }
        return new Reading(t, temp, hum, lat, lon, x);
    }

    /** A finite number within [min, max], or null. */
    private static Double number(JsonParser p, double min, double max) throws IOException {
        double d = number(p.nextToken(), p);
        return d >= min && d <= max ? Double.valueOf(d) : null;
    }

    /**
     * The value the tree path reads for a number token, NaN for any other token or for a number it
     * leaves to the tree path; infinite for {@code 1e999}.
     */
    private static double number(JsonToken token, JsonParser p) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            // As the tree's IntNode and LongNode give it; a BigIntegerNode is left to the tree path
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? Double.NaN : p.getLongValue();
        }
        if (token != JsonToken.VALUE_NUMBER_FLOAT || p.getTextLength() > MAX_SHORT_NUMBER) {
            return Double.NaN;
        }
        double d = DecimalLiterals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return Double.isNaN(d) ? p.getDoubleValue() : d;
    }

    /** The other metrics, in the order sent, or null. */
    private static Map<String, Object> extra(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (out.size() == ReadingsValidator.MAX_EXTRA_METRICS || !ReadingsValidator.isMetricName(name)) {
                return null;
            }
            Object value = metric(p.nextToken(), p);
            if (value == null || out.put(name, value) != null) {
                return null;
            }
        }
        return out;
    }

    private static Object metric(JsonToken token, JsonParser p) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = number(token, p);
            return Double.isFinite(d) ? Double.valueOf(d) : null;
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = p.getText();
            return text.length() <= ReadingsValidator.MAX_EXTRA_STRING && StrictJson.isStorable(text) ? text : null;
        }
        return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }
}
