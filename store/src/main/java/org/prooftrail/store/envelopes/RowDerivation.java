package org.prooftrail.store.envelopes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.epcis.EventHashId;
import org.prooftrail.core.envelope.Reading;
import org.prooftrail.core.envelope.VerifiedEnvelope;

/**
 * The one rule from an accepted envelope to the rows it stands for in {@code reading},
 * {@code epcis_event} and {@code event_epc}. Pure: the batch writer stores what it returns and the
 * audit recomputes it from stored envelopes, so the two cannot drift apart.
 */
public final class RowDerivation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowDerivation() {
    }

    /** The reading rows of a readings envelope, in payload order (none for an event envelope). */
    public static List<ReadingRow> readings(VerifiedEnvelope v, long envelopeId) {
        if (v.readings().isEmpty()) {
            return List.of();
        }
        List<Reading> readings = v.readings().get();
        List<ReadingRow> rows = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            rows.add(new ReadingRow(r.t(), v.dev(), envelopeId, r.temp(), r.hum(), r.lat(), r.lon(),
                    r.x().isEmpty() ? null : json(r)));
        }
        return rows;
    }

    /**
     * The event row of an event envelope (empty for a readings envelope). An event without an
     * {@code eventID} is stored under one made from the envelope's device and seq; the API names it by its
     * CBV 2.0 event hash ID, which every event row carries.
     *
     * @param orgId the organisation of the device that signed the envelope
     */
    public static Optional<EventRow> event(VerifiedEnvelope v, long envelopeId, String orgId) {
        if (v.event().isEmpty()) {
            return Optional.empty();
        }
        EpcisEvent event = v.event().get();
        JsonNode json = event.json();
        String eventId = text(json, "eventID");
        return Optional.of(new EventRow(eventId != null ? eventId : "urn:prooftrail:envelope:" + v.dev() + ":" + v.seq(),
                EventHashId.of(json).uri(), envelopeId, orgId, event.type().name(), text(json, "action"), event.eventTime(), event.eventTimeZoneOffset(),
                text(json, "bizStep"), text(json, "disposition"),
                json.path("readPoint").isObject() ? text(json.path("readPoint"), "id") : null,
                json.path("bizLocation").isObject() ? text(json.path("bizLocation"), "id") : null,
                json, epcs(json)));
    }

    /**
     * Every identifier the event names with its role (epc, parent, child, input, output, quantity).
     * Every class named in any quantity list is a 'quantity' row (class lookups); classes of the
     * child, input and output lists are also rows of that role, because tracing a lot through
     * aggregation and transformation needs the direction. Class URIs (urn:epc:class:..., Digital
     * Links without a serial) never equal an instance EPC.
     */
    private static List<EpcRow> epcs(JsonNode json) {
        Set<EpcRow> rows = new LinkedHashSet<>();
        add(rows, json.path("epcList"), "epc");
        add(rows, json.path("childEPCs"), "child");
        add(rows, json.path("inputEPCList"), "input");
        add(rows, json.path("outputEPCList"), "output");
        String parent = text(json, "parentID");
        if (parent != null) {
            rows.add(new EpcRow(parent, "parent"));
        }
        for (String[] list : new String[][] {{"quantityList", null}, {"childQuantityList", "child"},
                {"inputQuantityList", "input"}, {"outputQuantityList", "output"}}) {
            Set<String> classes = new LinkedHashSet<>();
            json.path(list[0]).forEach(q -> {
                if (q.path("epcClass").isTextual()) {
                    classes.add(q.path("epcClass").asText());
                }
            });
            for (String cls : classes) {
                rows.add(new EpcRow(cls, "quantity"));
                if (list[1] != null) {
                    rows.add(new EpcRow(cls, list[1]));
                }
            }
        }
        return List.copyOf(rows);
    }

    private static void add(Set<EpcRow> rows, JsonNode list, String role) {
        for (JsonNode epc : list) {
            if (epc.isTextual()) {
                rows.add(new EpcRow(epc.asText(), role));
            }
        }
    }

    private static String json(Reading r) {
        try {
            return JSON.writeValueAsString(r.x());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reading extras are plain JSON values", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
