package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Small EPCIS documents for the console's upload tests, shaped as the capture API tests' are: one
 * valid commissioning event and one whose bizStep is not a CBV step nor a URI, so it is refused.
 */
final class EpcisConsoleDocuments {
    static final String REFUSED_REASON = "epcisBody.eventList[1].bizStep";

    private EpcisConsoleDocuments() {
    }

    static String acceptedId(String tag) {
        return "urn:uuid:" + uuid(tag, 1);
    }

    static String refusedId(String tag) {
        return "urn:uuid:" + uuid(tag, 2);
    }

    private static String uuid(String tag, int n) {
        return "00000000-0000-4000-8000-" + String.format("%06d%06d", Math.abs(tag.hashCode()) % 1000000, n);
    }

    /** Two events: the first valid, the second with bizStep "not a step". */
    static JsonObject oneGoodOneBad(String tag) {
        String epc = "urn:epc:id:sgtin:4012345." + (Math.abs(tag.hashCode()) % 900000 + 100000) + ".";
        JsonArray events = new JsonArray()
                .add(new JsonObject().put("type", "ObjectEvent").put("eventID", acceptedId(tag))
                        .put("eventTime", "2025-06-01T01:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("action", "ADD").put("epcList", new JsonArray().add(epc + 1))
                        .put("bizStep", "commissioning").put("disposition", "active")
                        .put("readPoint", new JsonObject().put("id", "urn:epc:id:sgln:4012345.00001.0")))
                .add(new JsonObject().put("type", "ObjectEvent").put("eventID", refusedId(tag))
                        .put("eventTime", "2025-06-01T02:00:00Z").put("eventTimeZoneOffset", "+08:00")
                        .put("action", "OBSERVE").put("epcList", new JsonArray().add(epc + 1))
                        .put("bizStep", "not a step"));
        return new JsonObject()
                .put("@context", new JsonArray().add("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"))
                .put("type", "EPCISDocument").put("schemaVersion", "2.0").put("creationDate", "2025-06-01T06:00:00Z")
                .put("epcisBody", new JsonObject().put("eventList", events));
    }
}
