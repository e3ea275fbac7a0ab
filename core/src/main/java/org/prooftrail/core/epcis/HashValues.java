package org.prooftrail.core.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the CBV 2.0 event hash writes one value: trimmed; CURIEs expanded; CBV URNs as their Web URIs;
 * numbers without trailing zeros; timestamps in UTC at millisecond precision; GS1 identifiers as
 * constrained canonical Digital Links.
 */
final class HashValues {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_PLAIN_SCALE = 1000;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");
    /** The CBV 1.x URN vocabularies and their CBV 2.0 Web URI stems. */
    private static final String[][] CBV_URNS = {
        {"urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"},
        {"urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"},
        {"urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"},
        {"urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"},
        {"urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"},
    };

    private final Map<String, String> prefixes;

    /** @param prefixes JSON-LD term prefixes in force for the event, e.g. {@code gs1 -> https://gs1.org/voc/} */
    HashValues(Map<String, String> prefixes) {
        this.prefixes = prefixes;
    }

    /** A scalar's text as JSON has it: numbers without trailing zeros, booleans as {@code true}/{@code false}. */
    static String text(JsonNode scalar) {
        if (scalar.isNumber()) {
            // a double that overflowed to infinity has no decimal value; its text is what it was parsed from
            return scalar.isFloatingPointNumber() && !Double.isFinite(scalar.doubleValue()) && !scalar.isBigDecimal()
                    ? scalar.asText() : plain(scalar.decimalValue());
        }
        return scalar.isTextual() ? scalar.textValue().strip() : scalar.asText();
    }

    /** A value in canonical form; {@code stem} expands a bare CBV/GS1 term (JSON's short form), or is null. */
    String canonical(String text, String stem) {
        if (text.isEmpty()) {
            return text;
        }
        if (stem != null && isBareTerm(text)) {
            return stem + text;
        }
        String v = expandCurie(text);
        for (String[] urn : CBV_URNS) {
            if (v.startsWith(urn[0])) {
                return urn[1] + v.substring(urn[0].length());
            }
        }
        if (NUMBER.matcher(v).matches()) {
            try {
                return plain(new BigDecimal(v));
            } catch (NumberFormatException e) {
                return v; // an exponent beyond what BigDecimal holds: hashed as written
            }
        }
        return CanonicalDigitalLink.of(v).orElse(v);
    }

    /**
     * A timestamp in UTC with exactly three decimals, the third rounded up when the fourth is 5-9 (as CBV 2.0
     * demands); text that is not an RFC 3339 timestamp stays as it is.
     */
    static String timestamp(String text) {
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return text;
        }
        int fourthDecimal = (t.getNano() / 100_000) % 10;
        OffsetDateTime millis = t.truncatedTo(ChronoUnit.MILLIS).plus(fourthDecimal >= 5 ? 1 : 0, ChronoUnit.MILLIS);
        return millis.withOffsetSameInstant(ZoneOffset.UTC).format(MILLIS);
    }

    /** A member name: {@code prefix:local} with a known prefix, or a full IRI, as {@code {namespace}local}. */
    String key(String name) {
        int colon = name.indexOf(':');
        if (colon > 0) {
            String ns = prefixes.get(name.substring(0, colon));
            if (ns != null) {
                return "{" + ns + "}" + name.substring(colon + 1);
            }
            if (name.startsWith("http://") || name.startsWith("https://") || name.startsWith("urn:")) {
                int split = Math.max(name.lastIndexOf('/'), name.lastIndexOf('#'));
                if (name.startsWith("urn:")) {
                    split = Math.max(split, name.lastIndexOf(':'));
                }
                return "{" + name.substring(0, split + 1) + "}" + name.substring(split + 1);
            }
        }
        return name;
    }

    private String expandCurie(String text) {
        int colon = text.indexOf(':');
        if (colon > 0 && !text.startsWith("//", colon + 1)) {
            String ns = prefixes.get(text.substring(0, colon));
            if (ns != null) {
                return ns + text.substring(colon + 1);
            }
        }
        return text;
    }

    /** A bare term has no scheme: {@code in_transit}, not {@code https://...} or {@code urn:...}. */
    private static boolean isBareTerm(String text) {
        return text.indexOf(':') < 0;
    }

    /**
     * Without trailing zeros and without exponent, unless the exponent is so large that the plain digits
     * would be a denial of service (1e999999999 is 31 bytes of JSON and a billion characters written out).
     */
    private static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        BigDecimal s = d.stripTrailingZeros();
        return Math.abs((long) s.scale()) > MAX_PLAIN_SCALE ? s.toString() : s.toPlainString();
    }
}
