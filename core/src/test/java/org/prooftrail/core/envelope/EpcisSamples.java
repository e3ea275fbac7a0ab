package org.prooftrail.core.envelope;

import java.util.List;

/**
 * EPCIS 2.0 events for tests: valid ones of every type, and invalid ones, each with the first
 * message our validator must give. Shared with the test that replays them against GS1's schema.
 */
final class EpcisSamples {
    private EpcisSamples() {
    }

    record Invalid(String event, String message) {
    }

    private static final String WHEN = "\"eventTime\":\"2025-06-01T08:30:00.000+08:00\",\"eventTimeZoneOffset\":\"+08:00\"";
    private static final String SGTIN = "https://id.gs1.org/01/09521234543213/21/A1";
    private static final String SGTIN2 = "https://id.gs1.org/01/09521234543213/21/A2";
    private static final String SSCC = "https://id.gs1.org/00/095212340000000017";
    private static final String LGTIN = "https://id.gs1.org/01/09521234543213/10/LOT42";

    static String event(String type, String members) {
        return "{\"type\":\"" + type + "\"," + WHEN + (members.isEmpty() ? "" : "," + members) + "}";
    }

    static final List<String> VALID = List.of(
            TestDevices.OBJECT_EVENT,
            // Commissioning with lot master data and a cold-chain sensor report.
            event("ObjectEvent", "\"action\":\"ADD\",\"bizStep\":\"commissioning\",\"disposition\":\"active\","
                    + "\"quantityList\":[{\"epcClass\":\"" + LGTIN + "\",\"quantity\":1200,\"uom\":\"KGM\"}],"
                    + "\"readPoint\":{\"id\":\"https://id.gs1.org/414/9521234000006\"},"
                    + "\"bizLocation\":{\"id\":\"https://id.gs1.org/414/9521234000006\"},"
                    + "\"ilmd\":{\"cbvmda:itemExpirationDate\":\"2026-06-01\",\"ex:harvestField\":\"B7\"},"
                    + "\"sensorElementList\":[{\"sensorMetadata\":{\"time\":\"2025-06-01T08:30:00Z\",\"deviceID\":\"urn:uuid:7e1c\"},"
                    + "\"sensorReport\":[{\"type\":\"Temperature\",\"value\":4.5,\"uom\":\"CEL\"},"
                    + "{\"type\":\"gs1:RelativeHumidity\",\"minValue\":40,\"maxValue\":62.5,\"uom\":\"P1\"},"
                    + "{\"type\":\"Temperature\",\"exception\":\"ALARM_CONDITION\",\"booleanValue\":true,\"hexBinaryValue\":\"0aFF\"}]}],"
                    + "\"persistentDisposition\":{\"set\":[\"completeness_verified\"]},"
                    + "\"eventID\":\"ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0\","
                    + "\"certificationInfo\":\"https://cert.example.com/ce/ISO22000\","
                    + "\"@context\":[\"https://ref.gs1.org/standards/epcis/epcis-context.jsonld\",{\"ex\":\"https://ex.example.com/\"}],"
                    + "\"ex:batchNote\":{\"any\":[\"content\"]}"),
            // Sensor-only observation: no EPCs, but a read point.
            event("ObjectEvent", "\"action\":\"OBSERVE\",\"readPoint\":{\"id\":\"urn:epc:id:sgln:9521234.00000.0\"},"
                    + "\"sensorElementList\":[{\"sensorReport\":[{\"type\":\"Temperature\",\"value\":-18}]}]"),
            event("ObjectEvent", "\"action\":\"DELETE\",\"epcList\":[]"),
            event("AggregationEvent", "\"action\":\"ADD\",\"parentID\":\"" + SSCC + "\",\"childEPCs\":[\"" + SGTIN + "\",\""
                    + SGTIN2 + "\"],\"bizStep\":\"packing\",\"disposition\":\"in_progress\","
                    + "\"sourceList\":[{\"type\":\"owning_party\",\"source\":\"https://id.gs1.org/417/9521234000006\"}]"),
            event("AggregationEvent", "\"action\":\"DELETE\",\"parentID\":\"" + SSCC + "\",\"bizStep\":\"unpacking\""),
            event("TransactionEvent", "\"action\":\"ADD\",\"epcList\":[\"" + SGTIN + "\",\"" + SGTIN + "\"],"
                    + "\"bizTransactionList\":[{\"type\":\"po\",\"bizTransaction\":\"urn:epcglobal:cbv:bt:9521234000006:PO-77\"},"
                    + "{\"bizTransaction\":\"https://po.example.com/77\"}],"
                    + "\"destinationList\":[{\"type\":\"possessing_party\",\"destination\":\"https://id.gs1.org/417/9521234000013\"}]"),
            event("TransformationEvent", "\"inputQuantityList\":[{\"epcClass\":\"" + LGTIN + "\",\"quantity\":500,\"uom\":\"KGM\"}],"
                    + "\"outputEPCList\":[\"" + SGTIN + "\"],\"bizStep\":\"creating_class_instance\","
                    + "\"ilmd\":{\"ex:recipe\":\"r-12\"}"),
            event("TransformationEvent", "\"transformationID\":\"urn:uuid:3f2a\",\"inputEPCList\":[\"" + SGTIN + "\"]"),
            event("AssociationEvent", "\"action\":\"ADD\",\"parentID\":\"https://id.gs1.org/8004/9521234000006SENSOR1\","
                    + "\"childQuantityList\":[{\"epcClass\":\"" + LGTIN + "\"}],\"bizStep\":\"installing\","
                    + "\"errorDeclaration\":{\"declarationTime\":\"2025-06-02T00:00:00Z\",\"reason\":\"incorrect_data\","
                    + "\"correctiveEventIDs\":[\"urn:uuid:11\"],\"ex:note\":\"re-sent\"}"),
            event("AssociationEvent", "\"action\":\"DELETE\",\"parentID\":\"https://id.gs1.org/8004/9521234000006SENSOR1\""));

    static final List<Invalid> INVALID = List.of(
            new Invalid("{\"type\":\"ObjectEvent\",\"eventTime\":\"2025-06-01T08:30:00Z\",\"action\":\"ADD\",\"epcList\":[]}",
                    "event.eventTimeZoneOffset: is required"),
            new Invalid("{\"type\":\"ObjectEvent\",\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"ADD\",\"epcList\":[]}",
                    "event.eventTime: is required"),
            new Invalid(event("ObjectEvent", "\"action\":\"ADD\",\"epcList\":[]").replace("+08:00\"}", "+15:00\"}")
                            .replace("\"eventTimeZoneOffset\":\"+08:00\"", "\"eventTimeZoneOffset\":\"+15:00\""),
                    "event.eventTimeZoneOffset: \"+15:00\" is not an offset from -14:00 to +14:00 like \"+08:00\""),
            new Invalid(event("ObjectEvent", "\"action\":\"ADD\",\"epcList\":[]").replace("2025-06-01T08:30:00.000+08:00", "2025-06-01 08:30"),
                    "event.eventTime: \"2025-06-01 08:30\" is not an RFC 3339 date-time with offset, like 2025-06-01T08:30:00Z "
                            + "or 2025-06-01T16:30:00.250+08:00"),
            new Invalid(event("ObjectEvent", "\"epcList\":[]"), "event.action: is required"),
            new Invalid(event("ObjectEvent", "\"action\":\"UPDATE\",\"epcList\":[]"), "event.action: \"UPDATE\" is not OBSERVE, ADD or DELETE"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"bizStep\":\"urn:epcglobal:cbv:bizstep:shipping\""),
                    "event.bizStep: \"urn:epcglobal:cbv:bizstep:shipping\" spells a GS1 bizStep as a URI (EPCIS 2.0 JSON uses the bare name, "
                            + "like \"shipping\")"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"disposition\":\"on_fire\""),
                    "event.disposition: \"on_fire\" is neither a CBV disposition nor a URI of your own vocabulary"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[\"" + SGTIN + "\",\"" + SGTIN + "\"]"),
                    "event.epcList[1]: repeats an earlier item"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[\"not a uri\"]"),
                    "event.epcList[0]: \"not a uri\" is not an absolute URI"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":\"" + SGTIN + "\""),
                    "event.epcList: must be an array, not a string"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"quantityList\":[{\"quantity\":1}]"),
                    "event.quantityList[0].epcClass: is required"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"quantityList\":[{\"epcClass\":\"" + LGTIN + "\",\"uom\":\"kg\"}]"),
                    "event.quantityList[0].uom: \"kg\" is not a UN/CEFACT unit code (2 or 3 capitals or digits, like \"KGM\")"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"quantityList\":[{\"epcClass\":\"" + LGTIN + "\",\"lot\":\"7\"}]"),
                    "event.quantityList[0].lot: is not allowed here (allowed: epcClass, quantity, uom)"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"temperature\":4"),
                    "event.temperature: is not a standard member here (extensions need a namespaced name like \"ex:temperature\")"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"ilmd\":{\"ex:a\":1}"),
                    "event.ilmd: is allowed only with action ADD"),
            new Invalid(event("ObjectEvent", "\"action\":\"ADD\",\"epcList\":[],\"ilmd\":{\"lotNote\":1}"),
                    "event.ilmd: member name \"lotNote\" is not a URI or compact IRI (like \"ex:lotNote\")"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\""),
                    "event: an ObjectEvent needs epcList, a non-empty quantityList, or a non-empty sensorElementList with readPoint"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"sensorElementList\":[{\"sensorReport\":[{\"type\":\"Temperature\"}]}]"),
                    "event: an ObjectEvent needs epcList, a non-empty quantityList, or a non-empty sensorElementList with readPoint"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"readPoint\":{\"id\":\"urn:x:1\"},\"sensorElementList\":[{\"sensorReport\":[{\"value\":4}]}]"),
                    "event.sensorElementList[0].sensorReport[0].type: is required"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"readPoint\":{\"id\":\"urn:x:1\"},\"sensorElementList\":[{\"sensorReport\":[]}]"),
                    "event.sensorElementList[0].sensorReport: must hold at least 1 item"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"readPoint\":{\"id\":\"urn:x:1\"},"
                    + "\"sensorElementList\":[{\"sensorReport\":[{\"type\":\"https://gs1.org/voc/Temperature\"}]}]"),
                    "event.sensorElementList[0].sensorReport[0].type: \"https://gs1.org/voc/Temperature\" spells a GS1 measurement type as a URI "
                            + "(EPCIS 2.0 JSON uses the bare name, like \"Temperature\")"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"readPoint\":{\"id\":\"urn:x:1\"},"
                    + "\"sensorElementList\":[{\"sensorReport\":[{\"type\":\"Temperature\",\"value\":\"4.5\"}]}]"),
                    "event.sensorElementList[0].sensorReport[0].value: must be a number, not a string"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"readPoint\":{\"name\":\"dock 4\"}"),
                    "event.readPoint.id: is required"),
            new Invalid(event("ObjectEvent", "\"action\":\"ADD\",\"epcList\":[],\"persistentDisposition\":{}"),
                    "event.persistentDisposition: needs set or unset"),
            new Invalid(event("AggregationEvent", "\"action\":\"ADD\",\"parentID\":\"" + SSCC + "\""),
                    "event: an AggregationEvent needs a non-empty childEPCs or childQuantityList unless action is DELETE"),
            new Invalid(event("AssociationEvent", "\"action\":\"ADD\",\"childEPCs\":[\"" + SGTIN + "\"]"),
                    "event.parentID: is required"),
            new Invalid(event("TransactionEvent", "\"action\":\"ADD\",\"epcList\":[\"" + SGTIN + "\"]"),
                    "event.bizTransactionList: is required"),
            new Invalid(event("TransactionEvent", "\"action\":\"ADD\",\"epcList\":[],\"bizTransactionList\":[]"),
                    "event.bizTransactionList: must hold at least 1 item"),
            new Invalid(event("TransactionEvent", "\"action\":\"ADD\",\"epcList\":[],\"bizTransactionList\":[{\"type\":\"po\"}]"),
                    "event.bizTransactionList[0].bizTransaction: is required"),
            new Invalid(event("TransactionEvent", "\"action\":\"ADD\",\"epcList\":[],"
                    + "\"bizTransactionList\":[{\"bizTransaction\":\"urn:x:1\"}],\"sourceList\":[{\"source\":\"urn:x:2\"}]"),
                    "event.sourceList[0].type: is required"),
            new Invalid(event("TransformationEvent", "\"inputEPCList\":[\"" + SGTIN + "\"]"),
                    "event: a TransformationEvent needs both inputs and outputs, or a transformationID with inputs or outputs"),
            new Invalid(event("TransformationEvent", "\"action\":\"ADD\",\"inputEPCList\":[\"" + SGTIN + "\"],\"outputEPCList\":[\"" + SGTIN2 + "\"]"),
                    "event.action: is not a standard member here (extensions need a namespaced name like \"ex:action\")"),
            new Invalid(event("AssociationEvent", "\"action\":\"ADD\",\"parentID\":\"x\",\"childEPCs\":[\"" + SGTIN + "\"],"
                    + "\"errorDeclaration\":{\"reason\":\"did_not_occur\"}"),
                    "event.parentID: \"x\" is not an absolute URI"),
            new Invalid(event("AssociationEvent", "\"action\":\"ADD\",\"parentID\":\"urn:x:1\",\"childEPCs\":[\"" + SGTIN + "\"],"
                    + "\"errorDeclaration\":{\"reason\":\"did_not_occur\"}"),
                    "event.errorDeclaration.declarationTime: is required"),
            new Invalid("{\"type\":\"MyEvent\"," + WHEN + "}",
                    "event.type: \"MyEvent\" is not ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent"),
            new Invalid("{" + WHEN + ",\"action\":\"ADD\",\"epcList\":[]}",
                    "event.type: is required (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent or AssociationEvent)"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"certificationInfo\":[\"https://c.example\",7]"),
                    "event.certificationInfo[1]: must be a string, not a number"),
            new Invalid(event("ObjectEvent", "\"action\":\"OBSERVE\",\"epcList\":[],\"@context\":[\"https://a.example\",\"https://a.example\"]"),
                    "event.@context[1]: repeats an earlier item"));
}
