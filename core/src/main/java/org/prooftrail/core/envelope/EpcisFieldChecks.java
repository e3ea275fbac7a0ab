package org.prooftrail.core.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks for the values of EPCIS 2.0 event members, one per definition in GS1's EPCIS 2.0 JSON
 * schema (quantityElement, bizTransaction, sensorReport, ...). Each records violations and never
 * throws.
 */
final class EpcisFieldChecks {

    /** Checks one member's value at {@code path}. */
    @FunctionalInterface
    interface FieldCheck {
        void check(JsonNode value, String path, Violations violations);
    }

    static final Pattern TIME_ZONE_OFFSET = Pattern.compile("[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)");
    private static final Pattern UOM = Pattern.compile("[A-Z0-9]{2,3}");
    private static final Pattern HEX_BINARY = Pattern.compile("[A-Fa-f0-9]+");

    static final FieldCheck URI = JsonChecks::uri;
    static final FieldCheck TIME = JsonChecks::time;
    static final FieldCheck NUMBER = (v, p, out) -> JsonChecks.number(v, p, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, out);
    static final FieldCheck STRING = JsonChecks::string;
    static final FieldCheck BOOLEAN = (v, p, out) -> {
        if (!v.isBoolean()) {
            out.add(p, "must be a boolean, not " + JsonChecks.describe(v));
        }
    };
    static final FieldCheck TIME_ZONE = (v, p, out) -> {
        String text = JsonChecks.string(v, p, out);
        if (text != null && !TIME_ZONE_OFFSET.matcher(text).matches()) {
            out.add(p, Excerpt.quote(text) + " is not an offset from -14:00 to +14:00 like \"+08:00\"");
        }
    };
    static final FieldCheck ACTION = (v, p, out) -> {
        String text = JsonChecks.string(v, p, out);
        if (text != null && !EpcisVocabulary.ACTIONS.contains(text)) {
            out.add(p, Excerpt.quote(text) + " is not OBSERVE, ADD or DELETE");
        }
    };

    static final FieldCheck BIZ_STEP = vocabulary("bizStep", EpcisVocabulary.BIZ_STEPS, EpcisVocabulary::isOtherUri);
    static final FieldCheck DISPOSITION = vocabulary("disposition", EpcisVocabulary.DISPOSITIONS, EpcisVocabulary::isOtherUri);
    static final FieldCheck ERROR_REASON = vocabulary("error reason", EpcisVocabulary.ERROR_REASONS, EpcisVocabulary::isOtherUri);
    static final FieldCheck BIZ_TRANSACTION_TYPE =
            vocabulary("business transaction type", EpcisVocabulary.BIZ_TRANSACTION_TYPES, EpcisVocabulary::isOtherUri);
    static final FieldCheck SOURCE_DEST_TYPE =
            vocabulary("source/destination type", EpcisVocabulary.SOURCE_DEST_TYPES, EpcisVocabulary::isOtherUri);
    static final FieldCheck MEASUREMENT_TYPE =
            vocabulary("measurement type", EpcisVocabulary.MEASUREMENT_TYPES, EpcisVocabulary::isNonGs1WebVocUri);
    static final FieldCheck SENSOR_ALERT =
            vocabulary("sensor alert type", EpcisVocabulary.SENSOR_ALERT_TYPES, EpcisVocabulary::isNonGs1WebVocUri);
    static final FieldCheck COMPONENT = vocabulary("component", EpcisVocabulary.COMPONENTS, EpcisVocabulary::isOtherUri);

    static final FieldCheck EPC_LIST = uriList(true);
    static final FieldCheck URI_LIST = uriList(false);
    static final FieldCheck UOM_CODE = (v, p, out) -> {
        String text = JsonChecks.string(v, p, out);
        if (text != null && !UOM.matcher(text).matches()) {
            out.add(p, Excerpt.quote(text) + " is not a UN/CEFACT unit code (2 or 3 capitals or digits, like \"KGM\")");
        }
    };
    static final FieldCheck QUANTITY_LIST = arrayOf(
            object(Map.of("epcClass", URI, "quantity", NUMBER, "uom", UOM_CODE), Set.of("epcClass"), false), 0);
    static final FieldCheck ID_OBJECT = object(Map.of("id", URI), Set.of("id"), true);
    static final FieldCheck BIZ_TRANSACTION_LIST = arrayOf(
            object(Map.of("type", BIZ_TRANSACTION_TYPE, "bizTransaction", URI), Set.of("bizTransaction"), false), 0);
    static final FieldCheck BIZ_TRANSACTION_LIST_NON_EMPTY = arrayOf(
            object(Map.of("type", BIZ_TRANSACTION_TYPE, "bizTransaction", URI), Set.of("bizTransaction"), false), 1);
    static final FieldCheck SOURCE_LIST = arrayOf(
            object(Map.of("type", SOURCE_DEST_TYPE, "source", URI), Set.of("type", "source"), false), 0);
    static final FieldCheck DESTINATION_LIST = arrayOf(
            object(Map.of("type", SOURCE_DEST_TYPE, "destination", URI), Set.of("type", "destination"), false), 0);
    static final FieldCheck CERTIFICATION_INFO = (v, p, out) -> {
        if (v.isArray()) {
            URI_LIST.check(v, p, out);
        } else {
            URI.check(v, p, out);
        }
    };

    private static final FieldCheck SENSOR_METADATA = extensible(Map.of(
            "time", TIME, "startTime", TIME, "endTime", TIME, "deviceID", URI, "deviceMetadata", URI,
            "rawData", URI, "dataProcessingMethod", URI, "bizRules", URI), Set.of());
    private static final FieldCheck SENSOR_REPORT = extensible(Map.ofEntries(
            Map.entry("type", MEASUREMENT_TYPE), Map.entry("exception", SENSOR_ALERT), Map.entry("deviceID", URI),
            Map.entry("deviceMetadata", URI), Map.entry("rawData", URI), Map.entry("dataProcessingMethod", URI),
            Map.entry("bizRules", URI), Map.entry("time", TIME), Map.entry("microorganism", URI),
            Map.entry("chemicalSubstance", URI), Map.entry("coordinateReferenceSystem", URI), Map.entry("value", NUMBER),
            Map.entry("component", COMPONENT), Map.entry("stringValue", STRING), Map.entry("booleanValue", BOOLEAN),
            Map.entry("hexBinaryValue", EpcisFieldChecks::hexBinary), Map.entry("uriValue", URI),
            Map.entry("minValue", NUMBER), Map.entry("maxValue", NUMBER), Map.entry("meanValue", NUMBER),
            Map.entry("sDev", NUMBER), Map.entry("percRank", NUMBER), Map.entry("percValue", NUMBER),
            Map.entry("uom", STRING)), Set.of("type"));
    static final FieldCheck SENSOR_ELEMENT_LIST = arrayOf(extensible(Map.of(
            "sensorMetadata", SENSOR_METADATA, "sensorReport", arrayOf(SENSOR_REPORT, 1)), Set.of("sensorReport")), 0);
    static final FieldCheck ERROR_DECLARATION = extensible(Map.of(
            "declarationTime", TIME, "reason", ERROR_REASON, "correctiveEventIDs", URI_LIST), Set.of("declarationTime"));

    /** Instance/lot master data: any content, but every member named by URI. */
    static final FieldCheck ILMD = (v, p, out) -> {
        if (!v.isObject()) {
            out.add(p, "must be an object, not " + JsonChecks.describe(v));
            return;
        }
        for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!JsonChecks.isAbsoluteUri(name)) {
                out.add(p, "member name " + Excerpt.quote(name) + " is not a URI or compact IRI (like \"ex:lotNote\")");
            }
        }
    };

    private static final FieldCheck SET_UNSET =
            object(Map.of("set", uniqueArrayOf(DISPOSITION), "unset", uniqueArrayOf(DISPOSITION)), Set.of(), false);
    static final FieldCheck PERSISTENT_DISPOSITION = (v, p, out) -> {
        SET_UNSET.check(v, p, out);
        if (v.isObject() && !v.has("set") && !v.has("unset")) {
            out.add(p, "needs set or unset");
        }
    };

    static final FieldCheck CONTEXT = (v, p, out) -> {
        if (v.isObject()) {
            return;
        }
        if (!v.isArray()) {
            URI.check(v, p, out);
            return;
        }
        unique(v, p, out);
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                URI.check(v.get(i), p + "[" + i + "]", out);
            }
        }
    };

    private EpcisFieldChecks() {
    }

    private static FieldCheck vocabulary(String what, Set<String> names, Predicate<String> otherUri) {
        return (v, p, out) -> {
            String text = JsonChecks.string(v, p, out);
            if (text == null || names.contains(text) || otherUri.test(text)) {
                return;
            }
            if (text.startsWith("urn:epcglobal:cbv") || text.contains("gs1.org/")) {
                int cut = Math.max(text.lastIndexOf(':'), Math.max(text.lastIndexOf('/'), text.lastIndexOf('-')));
                out.add(p, Excerpt.quote(text) + " spells a GS1 " + what + " as a URI (EPCIS 2.0 JSON uses the bare name, like "
                        + Excerpt.quote(text.substring(cut + 1)) + ")");
            } else {
                out.add(p, Excerpt.quote(text) + " is neither a CBV " + what + " nor a URI of your own vocabulary");
            }
        };
    }

    private static FieldCheck uriList(boolean unique) {
        FieldCheck items = arrayOf(URI, 0);
        return (v, p, out) -> {
            items.check(v, p, out);
            if (unique && v.isArray()) {
                unique(v, p, out);
            }
        };
    }

    private static FieldCheck uniqueArrayOf(FieldCheck item) {
        FieldCheck items = arrayOf(item, 1);
        return (v, p, out) -> {
            items.check(v, p, out);
            if (v.isArray()) {
                unique(v, p, out);
            }
        };
    }

    static FieldCheck arrayOf(FieldCheck item, int minItems) {
        return (v, p, out) -> {
            if (!v.isArray()) {
                out.add(p, "must be an array, not " + JsonChecks.describe(v));
                return;
            }
            if (v.size() < minItems) {
                out.add(p, "must hold at least " + minItems + (minItems == 1 ? " item" : " items"));
            }
            for (int i = 0; i < v.size(); i++) {
                item.check(v.get(i), p + "[" + i + "]", out);
            }
        };
    }

    /**
     * An object with the given member checks and required members; when {@code open} is false,
     * other members are refused (the schema's {@code additionalProperties: false}).
     */
    private static FieldCheck object(Map<String, FieldCheck> members, Set<String> required, boolean open) {
        return (v, p, out) -> {
            if (!v.isObject()) {
                out.add(p, "must be an object, not " + JsonChecks.describe(v));
                return;
            }
            for (String name : required) {
                if (!v.has(name)) {
                    out.add(p + "." + name, "is required");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                FieldCheck check = members.get(member.getKey());
                if (check != null) {
                    check.check(member.getValue(), p + "." + member.getKey(), out);
                } else if (!open) {
                    out.add(Excerpt.path(p, member.getKey()), "is not allowed here (allowed: " + String.join(", ", sorted(members.keySet())) + ")");
                }
            }
        };
    }

    /** An object whose further members must be named by URI (the schema's propertyNames with vocab-uri). */
    private static FieldCheck extensible(Map<String, FieldCheck> members, Set<String> required) {
        FieldCheck known = object(members, required, true);
        return (v, p, out) -> {
            known.check(v, p, out);
            if (v.isObject()) {
                extensionNames(v, members.keySet(), p, out);
            }
        };
    }

    static void extensionNames(JsonNode object, Set<String> known, String path, Violations out) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !JsonChecks.isAbsoluteUri(name)) {
                out.add(Excerpt.path(path, name), "is not a standard member here (extensions need a namespaced name like \"ex:"
                        + (name.matches("[A-Za-z0-9_]{1,20}") ? name : "name") + "\")");
            }
        }
    }

    private static void hexBinary(JsonNode v, String p, Violations out) {
        String text = JsonChecks.string(v, p, out);
        if (text != null && !HEX_BINARY.matcher(text).matches()) {
            out.add(p, "is not hexadecimal");
        }
    }

    private static void unique(JsonNode array, String p, Violations out) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!seen.add(array.get(i))) {
                out.add(p + "[" + i + "]", "repeats an earlier item");
            }
        }
    }

    private static java.util.List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
