package org.prooftrail.core.envelope;

import static org.prooftrail.core.envelope.EpcisFieldChecks.ACTION;
import static org.prooftrail.core.envelope.EpcisFieldChecks.BIZ_STEP;
import static org.prooftrail.core.envelope.EpcisFieldChecks.BIZ_TRANSACTION_LIST;
import static org.prooftrail.core.envelope.EpcisFieldChecks.BIZ_TRANSACTION_LIST_NON_EMPTY;
import static org.prooftrail.core.envelope.EpcisFieldChecks.CERTIFICATION_INFO;
import static org.prooftrail.core.envelope.EpcisFieldChecks.CONTEXT;
import static org.prooftrail.core.envelope.EpcisFieldChecks.DESTINATION_LIST;
import static org.prooftrail.core.envelope.EpcisFieldChecks.DISPOSITION;
import static org.prooftrail.core.envelope.EpcisFieldChecks.EPC_LIST;
import static org.prooftrail.core.envelope.EpcisFieldChecks.ERROR_DECLARATION;
import static org.prooftrail.core.envelope.EpcisFieldChecks.ID_OBJECT;
import static org.prooftrail.core.envelope.EpcisFieldChecks.ILMD;
import static org.prooftrail.core.envelope.EpcisFieldChecks.PERSISTENT_DISPOSITION;
import static org.prooftrail.core.envelope.EpcisFieldChecks.QUANTITY_LIST;
import static org.prooftrail.core.envelope.EpcisFieldChecks.SENSOR_ELEMENT_LIST;
import static org.prooftrail.core.envelope.EpcisFieldChecks.SOURCE_LIST;
import static org.prooftrail.core.envelope.EpcisFieldChecks.TIME;
import static org.prooftrail.core.envelope.EpcisFieldChecks.TIME_ZONE;
import static org.prooftrail.core.envelope.EpcisFieldChecks.URI;
import static org.prooftrail.core.envelope.EpcisFieldChecks.URI_LIST;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.envelope.EpcisFieldChecks.FieldCheck;

/**
 * Validates one EPCIS 2.0 event against the event rules of GS1's EPCIS 2.0 JSON schema
 * (EPCIS-JSON-Schema.json, definitions Event, ObjectEvent ... AssociationEvent), written out in code
 * because that file is GS1's to publish, not ours to ship. Tests check that this class and the
 * official schema give the same verdicts.
 *
 * <p>Two deliberate differences: the event needs no {@code @context} of its own (the schema demands
 * one only of a standalone event; the envelope format implies the EPCIS 2.0 context, which storage
 * adds), and only the five standard types are accepted (no extension event types).
 */
final class EpcisEventValidator {
    private static final Map<String, FieldCheck> COMMON = Map.of(
            "@context", CONTEXT, "eventTime", TIME, "recordTime", TIME, "eventTimeZoneOffset", TIME_ZONE,
            "eventID", URI, "certificationInfo", CERTIFICATION_INFO, "errorDeclaration", ERROR_DECLARATION);

    /** Per type: its members and their checks, as in the schema's per-type definitions. */
    private static final Map<EpcisEventType, Map<String, FieldCheck>> MEMBERS = new EnumMap<>(EpcisEventType.class);
    private static final Map<EpcisEventType, Set<String>> REQUIRED = new EnumMap<>(EpcisEventType.class);
    /** Member names that need no namespace: the checked ones and {@code type}. */
    private static final Map<EpcisEventType, Set<String>> STANDARD_NAMES = new EnumMap<>(EpcisEventType.class);

    static {
        Map<String, FieldCheck> where = Map.of("bizStep", BIZ_STEP, "disposition", DISPOSITION, "readPoint", ID_OBJECT,
                "bizLocation", ID_OBJECT, "sourceList", SOURCE_LIST, "destinationList", DESTINATION_LIST,
                "sensorElementList", SENSOR_ELEMENT_LIST);
        define(EpcisEventType.ObjectEvent, where, Set.of("action"), Map.of("epcList", EPC_LIST, "quantityList", QUANTITY_LIST,
                "action", ACTION, "persistentDisposition", PERSISTENT_DISPOSITION, "bizTransactionList", BIZ_TRANSACTION_LIST,
                "ilmd", ILMD));
        define(EpcisEventType.AggregationEvent, where, Set.of("action"), Map.of("parentID", URI, "childEPCs", URI_LIST,
                "childQuantityList", QUANTITY_LIST, "action", ACTION, "bizTransactionList", BIZ_TRANSACTION_LIST));
        // The schema gives TransactionEvent's epcList no uniqueItems, unlike ObjectEvent's.
        define(EpcisEventType.TransactionEvent, where, Set.of("action", "bizTransactionList"), Map.of(
                "bizTransactionList", BIZ_TRANSACTION_LIST_NON_EMPTY, "parentID", URI, "epcList", URI_LIST,
                "quantityList", QUANTITY_LIST, "action", ACTION));
        define(EpcisEventType.TransformationEvent, where, Set.of(), Map.of("inputEPCList", EPC_LIST,
                "inputQuantityList", QUANTITY_LIST, "outputEPCList", EPC_LIST, "outputQuantityList", QUANTITY_LIST,
                "transformationID", URI, "persistentDisposition", PERSISTENT_DISPOSITION,
                "bizTransactionList", BIZ_TRANSACTION_LIST, "ilmd", ILMD));
        define(EpcisEventType.AssociationEvent, where, Set.of("action", "parentID"), Map.of("parentID", URI,
                "childEPCs", URI_LIST, "childQuantityList", QUANTITY_LIST, "action", ACTION,
                "bizTransactionList", BIZ_TRANSACTION_LIST));
    }

    private EpcisEventValidator() {
    }

    private static void define(EpcisEventType type, Map<String, FieldCheck> where, Set<String> required,
            Map<String, FieldCheck> own) {
        Map<String, FieldCheck> all = new HashMap<>(COMMON);
        all.putAll(where);
        all.putAll(own);
        MEMBERS.put(type, Map.copyOf(all));
        REQUIRED.put(type, required);
        Set<String> names = new HashSet<>(all.keySet());
        names.add("type");
        STANDARD_NAMES.put(type, Set.copyOf(names));
    }

    /** The event, or null with the reasons recorded under {@code path}. */
    static EpcisEvent validate(JsonNode event, String path, Violations violations) {
        if (!event.isObject()) {
            violations.add(path, "must be an EPCIS event object, not " + JsonChecks.describe(event));
            return null;
        }
        EpcisEventType type = type(event.get("type"), path, violations);
        if (type == null) {
            return null;
        }
        int before = violations.count();
        Map<String, FieldCheck> members = MEMBERS.get(type);
        for (String name : REQUIRED.get(type)) {
            requirePresent(event, name, path, violations);
        }
        requirePresent(event, "eventTime", path, violations);
        requirePresent(event, "eventTimeZoneOffset", path, violations);
        event.fields().forEachRemaining(member -> {
            FieldCheck check = members.get(member.getKey());
            if (check != null) {
                check.check(member.getValue(), path + "." + member.getKey(), violations);
            }
        });
        EpcisFieldChecks.extensionNames(event, STANDARD_NAMES.get(type), path, violations);
        if (violations.count() == before) {
            whatRule(type, event, path, violations);
        }
        if (violations.count() != before) {
            return null;
        }
        Instant eventTime = Timestamps.parse(event.get("eventTime").textValue()).orElseThrow();
        return new EpcisEvent(type, eventTime, event.get("eventTimeZoneOffset").textValue(), event);
    }

    private static EpcisEventType type(JsonNode type, String path, Violations violations) {
        if (type == null) {
            violations.add(path + ".type", "is required (ObjectEvent, AggregationEvent, TransactionEvent, "
                    + "TransformationEvent or AssociationEvent)");
            return null;
        }
        String name = JsonChecks.string(type, path + ".type", violations);
        if (name == null) {
            return null;
        }
        EpcisEventType found = EpcisEventType.fromName(name).orElse(null);
        if (found == null) {
            violations.add(path + ".type", Excerpt.quote(name) + " is not ObjectEvent, AggregationEvent, TransactionEvent, "
                    + "TransformationEvent or AssociationEvent");
        }
        return found;
    }

    /**
     * What the event is about: the schema's per-type anyOf. Each event must name at least some
     * objects (or be a DELETE, which may refer to everything previously associated).
     */
    private static void whatRule(EpcisEventType type, JsonNode event, String path, Violations violations) {
        boolean delete = "DELETE".equals(event.path("action").asText());
        switch (type) {
            case ObjectEvent -> {
                if (!event.has("epcList") && !nonEmpty(event, "quantityList")
                        && !(nonEmpty(event, "sensorElementList") && event.has("readPoint"))) {
                    violations.add(path, "an ObjectEvent needs epcList, a non-empty quantityList, "
                            + "or a non-empty sensorElementList with readPoint");
                }
                if (event.has("ilmd") && !"ADD".equals(event.get("action").asText())) {
                    violations.add(path + ".ilmd", "is allowed only with action ADD");
                }
            }
            case AggregationEvent, AssociationEvent -> {
                if (!delete && !nonEmpty(event, "childEPCs") && !nonEmpty(event, "childQuantityList")) {
                    violations.add(path, "an " + type + " needs a non-empty childEPCs or childQuantityList unless action is DELETE");
                }
            }
            case TransactionEvent -> {
                if (!delete && !event.has("epcList") && !nonEmpty(event, "quantityList")) {
                    violations.add(path, "a TransactionEvent needs epcList or a non-empty quantityList unless action is DELETE");
                }
            }
            case TransformationEvent -> {
                boolean in = nonEmpty(event, "inputEPCList") || nonEmpty(event, "inputQuantityList");
                boolean out = nonEmpty(event, "outputEPCList") || nonEmpty(event, "outputQuantityList");
                if (!(in && out) && !((in || out) && event.has("transformationID"))) {
                    violations.add(path, "a TransformationEvent needs both inputs and outputs, or a transformationID "
                            + "with inputs or outputs");
                }
            }
            default -> throw new IllegalStateException("unhandled event type " + type);
        }
    }

    private static boolean nonEmpty(JsonNode event, String member) {
        JsonNode value = event.get(member);
        return value != null && value.isArray() && !value.isEmpty();
    }

    private static void requirePresent(JsonNode event, String member, String path, Violations violations) {
        if (!event.has(member)) {
            violations.add(path + "." + member, "is required");
        }
    }
}
