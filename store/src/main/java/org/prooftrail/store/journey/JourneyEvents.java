package org.prooftrail.store.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events on a code's journey: those naming the item or its lot, those of containers that held
 * them (AggregationEvents: from the packing ADD until the container's next DELETE, two levels deep,
 * e.g. case in pallet), and, for transformed goods such as produce, the events of the transformation's
 * inputs up to the transformation (planting, input applications, harvest). All lookups are exact
 * matches on the event_epc index.
 */
public final class JourneyEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONTAINER_DEPTH = 2;
    private static final int MAX_EVENTS = 500;

    private JourneyEvents() {
    }

    /**
     * The journey's events in time order, each saying why it is on the journey ({@link TimelineEvent#via()}).
     *
     * @param itemForms every spelling of the item's code; may be empty (a lot's journey)
     * @param lotForms  every spelling of the lot's code
     */
    public static List<TimelineEvent> of(Connection c, Set<String> itemForms, Set<String> lotForms) throws SQLException {
        Map<Long, String> via = new LinkedHashMap<>();
        Set<String> own = new LinkedHashSet<>(itemForms);
        own.addAll(lotForms);
        for (long id : naming(c, itemForms, null, null)) {
            via.putIfAbsent(id, "item");
        }
        for (long id : naming(c, lotForms, null, null)) {
            via.putIfAbsent(id, "lot");
        }
        Set<String> frontier = own;
        for (int depth = 0; depth < CONTAINER_DEPTH && !frontier.isEmpty(); depth++) {
            Map<String, Instant> packed = parents(c, frontier);
            for (Map.Entry<String, Instant> p : packed.entrySet()) {
                Instant unpacked = unpacked(c, p.getKey(), p.getValue());
                for (long id : naming(c, Set.of(p.getKey()), p.getValue(), unpacked)) {
                    via.putIfAbsent(id, "container");
                }
            }
            frontier = packed.keySet();
        }
        Map<Long, Row> rows = load(c, via.keySet());
        for (Row r : List.copyOf(rows.values())) {
            if (r.doc() != null && !"input".equals(via.get(r.event().id()))) {
                Set<String> inputs = inputsOf(r.doc(), own);
                for (long id : naming(c, inputs, null, r.event().time())) {
                    via.putIfAbsent(id, "input");
                }
            }
        }
        rows = load(c, via.keySet());
        List<TimelineEvent> events = new ArrayList<>();
        for (Row r : rows.values()) {
            events.add(r.event().via(via.get(r.event().id())));
        }
        events.sort(Comparator.comparing(TimelineEvent::time).thenComparing(TimelineEvent::id));
        return events;
    }

    /** Ids of events naming any of {@code epcs}, optionally within [from, to]. */
    private static List<Long> naming(Connection c, Set<String> epcs, Instant from, Instant to) throws SQLException {
        if (epcs.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT e.id FROM event_epc x JOIN epcis_event e ON e.id = x.event_id "
                + "WHERE x.epc = ANY(?) AND (?::timestamptz IS NULL OR e.event_time >= ?) "
                + "AND (?::timestamptz IS NULL OR e.event_time <= ?) ORDER BY e.id LIMIT " + MAX_EVENTS)) {
            st.setArray(1, text(c, epcs));
            Timestamp f = from == null ? null : Timestamp.from(from);
            Timestamp t = to == null ? null : Timestamp.from(to);
            st.setTimestamp(2, f);
            st.setTimestamp(3, f);
            st.setTimestamp(4, t);
            st.setTimestamp(5, t);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Containers the codes were packed into (AggregationEvent ADD), with the first packing time. */
    private static Map<String, Instant> parents(Connection c, Set<String> children) throws SQLException {
        Map<String, Instant> parents = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT p.epc, min(e.event_time) FROM event_epc x "
                + "JOIN epcis_event e ON e.id = x.event_id JOIN event_epc p ON p.event_id = e.id AND p.role = 'parent' "
                + "WHERE x.epc = ANY(?) AND x.role IN ('child', 'quantity') AND e.event_type = 'AggregationEvent' "
                + "AND e.action = 'ADD' GROUP BY p.epc LIMIT 100")) {
            st.setArray(1, text(c, children));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    parents.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return parents;
    }

    /** When the container was next unpacked after {@code packed}, or null while it still holds them. */
    private static Instant unpacked(Connection c, String parent, Instant packed) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT min(e.event_time) FROM event_epc p JOIN epcis_event e "
                + "ON e.id = p.event_id WHERE p.epc = ? AND p.role = 'parent' AND e.event_type = 'AggregationEvent' "
                + "AND e.action = 'DELETE' AND e.event_time > ?")) {
            st.setString(1, parent);
            st.setTimestamp(2, Timestamp.from(packed));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    /** A transformation's inputs when its outputs include one of our own codes. */
    private static Set<String> inputsOf(JsonNode doc, Set<String> own) {
        boolean ours = false;
        for (JsonNode e : doc.path("outputEPCList")) {
            ours |= own.contains(e.asText());
        }
        for (JsonNode q : doc.path("outputQuantityList")) {
            ours |= own.contains(q.path("epcClass").asText());
        }
        Set<String> inputs = new LinkedHashSet<>();
        if (ours) {
            doc.path("inputEPCList").forEach(e -> inputs.add(e.asText()));
            doc.path("inputQuantityList").forEach(q -> inputs.add(q.path("epcClass").asText()));
        }
        inputs.removeAll(own);
        return inputs;
    }

    private record Row(TimelineEvent event, JsonNode doc) {
    }

    private static Map<Long, Row> load(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT e.id, e.event_id, e.event_type, e.action, e.event_time, "
                + "e.event_time_zone_offset, e.biz_step, e.disposition, e.read_point, e.biz_location, o.name, "
                + "v.device_id, v.seq, CASE WHEN e.event_type = 'TransformationEvent' THEN e.doc::text END "
                + "FROM epcis_event e JOIN organisation o ON o.id = e.org_id LEFT JOIN envelope v ON v.id = e.envelope_id "
                + "WHERE e.id = ANY(?) ORDER BY e.event_time, e.id")) {
            st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(13);
                    Long s = rs.wasNull() ? null : seq;
                    TimelineEvent e = new TimelineEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), null, rs.getString(12), s);
                    JsonNode doc = null;
                    if (rs.getString(14) != null) {
                        try {
                            doc = JSON.readTree(rs.getString(14));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                            throw new SQLException("stored event " + e.eventId() + " is not JSON", ex);
                        }
                    }
                    rows.put(e.id(), new Row(e, doc));
                }
            }
        }
        return rows;
    }

    private static Array text(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
