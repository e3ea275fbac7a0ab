package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.custody.Grant;
import org.prooftrail.core.custody.Writing;
import org.prooftrail.core.trace.FarmSteps;
import org.prooftrail.core.trace.TraceId;

/** The events a trace reports: those naming its nodes, and those at the farm plots it reaches. */
public final class TraceEvents {
    /** A page of nodes rarely has more; past this the answer says the event list was cut. */
    public static final int MAX_EVENTS = 200_000;
    public static final int MAX_PLOT_EVENTS = 2_000;
    private static final String COLUMNS = "e.event_id, e.org_id, e.event_type, e.action, e.event_time, e.biz_step, "
            + "e.disposition, e.read_point, e.biz_location";
    private static final String NAMING = "SELECT x.epc_key, x.epc, " + COLUMNS + ", o.gln, e.record_time, "
            + JourneyEvents.DESTINATIONS + " FROM event_epc x JOIN epcis_event e ON e.id = x.event_id "
            + "JOIN organisation o ON o.id = e.org_id WHERE x.epc_key = ANY(?) ORDER BY e.event_time, e.id LIMIT " + (MAX_EVENTS + 1);
    // the owners of the products named, with the grants each gave that cover them (all, the product or one lot)
    private static final String OWNERS = "SELECT p.gtin, p.org_id, g.grantee_org, g.lot, g.revoked_at FROM product p "
            + "LEFT JOIN write_grant g ON g.owner_org = p.org_id AND (g.gtin IS NULL OR g.gtin = p.gtin) "
            + "WHERE p.gtin = ANY(?)";
    private static final String ORGS_NAMING = "SELECT DISTINCT e.org_id FROM event_epc x JOIN epcis_event e ON e.id = x.event_id "
            + "WHERE x.epc_key = ANY(?)";
    // A lot may be named only in the ILMD of the commissioning events of its items (drug packs are
    // commissioned that way): such a lot is known too, so a recall can start from it.
    private static final String ORGS_COMMISSIONING_LOT = "SELECT DISTINCT e.org_id FROM epcis_event e "
            + "WHERE e.doc ?? 'ilmd' AND " + TraceGraph.ILMD_LOT + " = ?";
    // ... or only inside its items' Digital Links (/10/{lot}/21/...), with no ILMD lot number.
    private static final String ORGS_ITEMS_CARRYING_LOT = "SELECT DISTINCT e.org_id FROM unnest(?::text[]) AS p(prefix) "
            + "JOIN event_epc x ON " + TraceGraph.CARRIES_LOT + " JOIN epcis_event e ON e.id = x.event_id";
    private static final String AT_PLOTS = "SELECT " + COLUMNS + ", e.doc::text FROM epcis_event e "
            + "WHERE (e.read_point = ANY(?) OR e.biz_location = ANY(?)) AND e.event_time <= ? "
            + "ORDER BY e.event_time, e.id LIMIT " + MAX_PLOT_EVENTS;

    /** Events naming some node: per node key, in time order; {@code cut} when MAX_EVENTS was reached. */
    public record Naming(Map<String, List<NamedEvent>> byNode, Map<String, Set<String>> spellings, boolean cut,
                         Map<String, Writing> writings, Map<String, Set<String>> spellingsByEvent) {
        /** How one event wrote one node. */
        public Set<String> spellings(String node, String eventId) {
            return spellingsByEvent.getOrDefault(node + "\n" + eventId, Set.of());
        }
    }

    /**
     * A product's owner with the grants it gave that cover the product ({@code lot} null: the whole
     * product), for the write rule ({@link org.prooftrail.core.custody.WriteRights}).
     */
    public record Owner(String org, List<LotGrant> grants) {
        /** The grants that cover a lot of the product (null: the product as a whole, no lot grants). */
        public List<Grant> covering(String lot) {
            return grants.stream().filter(g -> g.lot() == null || g.lot().equals(lot)).map(LotGrant::grant).toList();
        }
    }

    /** A grant, with the one lot it is limited to (or null). */
    public record LotGrant(Grant grant, String lot) {
    }

    /** The owners of the products with these GTINs, by GTIN (14 digits); a GTIN not registered is left out. */
    public static Map<String, Owner> owners(Connection c, Collection<String> gtins) throws SQLException {
        Map<String, String> org = new LinkedHashMap<>();
        Map<String, List<LotGrant>> grants = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(OWNERS)) {
            st.setArray(1, c.createArrayOf("text", gtins.toArray(new String[0])));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String gtin = rs.getString(1).trim();
                    org.put(gtin, rs.getString(2));
                    List<LotGrant> list = grants.computeIfAbsent(gtin, g -> new ArrayList<>());
                    if (rs.getString(3) != null) {
                        Timestamp revoked = rs.getTimestamp(5);
                        list.add(new LotGrant(new Grant(rs.getString(3), revoked == null ? null : revoked.toInstant()),
                                rs.getString(4)));
                    }
                }
            }
        }
        Map<String, Owner> out = new LinkedHashMap<>();
        org.forEach((gtin, o) -> out.put(gtin, new Owner(o, List.copyOf(grants.get(gtin)))));
        return out;
    }

    /** An event at a plot with its stored document as JSON text (input applications are reported whole). */
    public record PlotEvent(NamedEvent event, String doc) {
    }

    private TraceEvents() {
    }

    /** The organisations whose events name the code (in any of its spellings). */
    public static Set<String> orgsNaming(Connection c, TraceId id) throws SQLException {
        return orgsNaming(c, id, List.of(TraceId.CANONICAL_BASE));
    }

    /**
     * The organisations whose events name the code (in any of its spellings), or, for a lot, name
     * items whose Digital Link under one of {@code linkBases} carries it.
     */
    public static Set<String> orgsNaming(Connection c, TraceId id, List<String> linkBases) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(ORGS_NAMING)) {
            st.setArray(1, c.createArrayOf("text", TraceGraph.keyIndex(List.of(id)).keySet().toArray(new String[0])));
            Set<String> orgs = new java.util.TreeSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
            if (id.kind() == TraceId.Kind.LOT && id.lot() != null) {
                try (PreparedStatement ilmd = c.prepareStatement(ORGS_COMMISSIONING_LOT)) {
                    ilmd.setString(1, id.lot());
                    try (ResultSet rs = ilmd.executeQuery()) {
                        while (rs.next()) {
                            orgs.add(rs.getString(1));
                        }
                    }
                }
                try (PreparedStatement carried = c.prepareStatement(ORGS_ITEMS_CARRYING_LOT)) {
                    carried.setArray(1, c.createArrayOf("text",
                            linkBases.stream().map(id::itemLinkPrefix).toArray(String[]::new)));
                    try (ResultSet rs = carried.executeQuery()) {
                        while (rs.next()) {
                            orgs.add(rs.getString(1));
                        }
                    }
                }
            }
            return orgs;
        }
    }

    /**
     * The events naming each node in any of its spellings (found by their stored key), at most
     * {@link #MAX_EVENTS} in all; {@link Naming#spellings} says how events wrote each node.
     */
    public static Naming naming(Connection c, Collection<TraceId> nodes) throws SQLException {
        Map<String, String> keyOf = TraceGraph.keyIndex(nodes);
        Map<String, List<NamedEvent>> byNode = new LinkedHashMap<>();
        Map<String, Set<String>> spellings = new LinkedHashMap<>();
        Map<String, Writing> writings = new LinkedHashMap<>();
        Map<String, Set<String>> byEvent = new java.util.HashMap<>();
        int rows = 0;
        try (PreparedStatement st = c.prepareStatement(NAMING)) {
            st.setArray(1, c.createArrayOf("text", keyOf.keySet().toArray(new String[0])));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (++rows > MAX_EVENTS) {
                        return new Naming(byNode, spellings, true, writings, byEvent);
                    }
                    String key = keyOf.get(rs.getString(1));
                    spellings.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(rs.getString(2));
                    List<NamedEvent> list = byNode.computeIfAbsent(key, k -> new ArrayList<>());
                    NamedEvent e = event(rs, 3);
                    byEvent.computeIfAbsent(key + "\n" + e.eventId(), k -> new java.util.TreeSet<>()).add(rs.getString(2));
                    if (list.stream().noneMatch(x -> x.eventId().equals(e.eventId()))) {
                        list.add(e);
                    }
                    if (!writings.containsKey(e.eventId())) {
                        java.sql.Array destinations = rs.getArray(14);
                        writings.put(e.eventId(), new Writing(e.org(), rs.getString(12), e.time(),
                                rs.getTimestamp(13).toInstant(), FarmSteps.isShipping(e.bizStep()),
                                destinations == null ? List.of() : List.of((String[]) destinations.getArray())));
                    }
                }
            }
        }
        return new Naming(byNode, spellings, false, writings, byEvent);
    }

    /** Events at the plots (read point or business location) up to {@code until}, in time order. */
    public static List<PlotEvent> atPlots(Connection c, Collection<String> plots, Instant until) throws SQLException {
        List<PlotEvent> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(AT_PLOTS)) {
            String[] array = plots.toArray(new String[0]);
            st.setArray(1, c.createArrayOf("text", array));
            st.setArray(2, c.createArrayOf("text", array));
            st.setTimestamp(3, Timestamp.from(until));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new PlotEvent(event(rs, 1), rs.getString(10)));
                }
            }
        }
        return out;
    }

    private static NamedEvent event(ResultSet rs, int first) throws SQLException {
        return new NamedEvent(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
                rs.getTimestamp(first + 4).toInstant(), rs.getString(first + 5), rs.getString(first + 6),
                rs.getString(first + 7), rs.getString(first + 8));
    }
}
