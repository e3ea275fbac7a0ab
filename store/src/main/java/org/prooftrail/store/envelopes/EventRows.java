package org.prooftrail.store.envelopes;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.Set;
import org.prooftrail.core.envelope.EpcisEvent;

/**
 * Stores an EPCIS event as its JSON plus the columns lookups filter on, and every identifier it
 * names with the role it plays (epc, parent, child, input, output, quantity class; a class of the
 * child, input or output quantity list has both its quantity row and its directional row).
 */
final class EventRows {
    private static final String INSERT_EVENT = "INSERT INTO epcis_event (event_id, envelope_id, org_id, event_type, "
            + "action, event_time, event_time_zone_offset, biz_step, disposition, read_point, biz_location, doc) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_id) DO NOTHING RETURNING id";
    private static final String INSERT_EPC = "INSERT INTO event_epc (event_id, epc, role) VALUES (?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    private EventRows() {
    }

    /** @return 1 when stored, 0 when an event with the same eventID was already stored */
    static int insert(Connection c, EpcisEvent event, long envelopeId, String orgId, String fallbackEventId)
            throws SQLException {
        JsonNode json = event.json();
        String eventId = text(json, "eventID");
        long id;
        try (PreparedStatement st = c.prepareStatement(INSERT_EVENT)) {
            st.setString(1, eventId != null ? eventId : fallbackEventId);
            st.setLong(2, envelopeId);
            st.setString(3, orgId);
            st.setString(4, event.type().name());
            st.setString(5, text(json, "action"));
            st.setTimestamp(6, Timestamp.from(event.eventTime()));
            st.setString(7, event.eventTimeZoneOffset());
            st.setString(8, text(json, "bizStep"));
            st.setString(9, text(json, "disposition"));
            st.setString(10, json.path("readPoint").isObject() ? text(json.path("readPoint"), "id") : null);
            st.setString(11, json.path("bizLocation").isObject() ? text(json.path("bizLocation"), "id") : null);
            st.setString(12, json.toString());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_EPC)) {
            add(st, id, json.path("epcList"), "epc");
            add(st, id, json.path("childEPCs"), "child");
            add(st, id, json.path("inputEPCList"), "input");
            add(st, id, json.path("outputEPCList"), "output");
            String parent = text(json, "parentID");
            if (parent != null) {
                row(st, id, parent, "parent");
            }
            // Every class named in any quantity list is a 'quantity' row (class lookups); classes of
            // the child, input and output lists are also rows of that role, because tracing a lot
            // through aggregation and transformation needs the direction. Class URIs
            // (urn:epc:class:..., Digital Links without a serial) never equal an instance EPC.
            for (String[] list : new String[][] {{"quantityList", null}, {"childQuantityList", "child"},
                    {"inputQuantityList", "input"}, {"outputQuantityList", "output"}}) {
                Set<String> classes = new LinkedHashSet<>();
                json.path(list[0]).forEach(q -> {
                    if (q.path("epcClass").isTextual()) {
                        classes.add(q.path("epcClass").asText());
                    }
                });
                for (String cls : classes) {
                    row(st, id, cls, "quantity");
                    if (list[1] != null) {
                        row(st, id, cls, list[1]);
                    }
                }
            }
            st.executeBatch();
        }
        return 1;
    }

    private static void add(PreparedStatement st, long id, JsonNode list, String role) throws SQLException {
        for (JsonNode epc : list) {
            if (epc.isTextual()) {
                row(st, id, epc.asText(), role);
            }
        }
    }

    private static void row(PreparedStatement st, long id, String epc, String role) throws SQLException {
        st.setLong(1, id);
        st.setString(2, epc);
        st.setString(3, role);
        st.addBatch();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
