package org.prooftrail.store.journey;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.core.trace.TraceWalk;

/**
 * The supply-chain graph as stored by ingest ({@code event_epc} beside {@code epcis_event}): each
 * level of a walk is answered by set-based queries over the stored keys ({@code event_epc.epc_key}) of
 * the whole frontier, one key per code whatever spelling events used.
 * Forward follows child to parent (aggregation), input to output (transformation) and lot to its
 * items (commissioning events whose ILMD names the lot, items whose Digital Link carries the lot, and
 * items an ObjectEvent ADD names together with the lot's LGTIN class, as in EPCIS 2.0 quantity lists);
 * back follows the same links the other way.
 */
public final class TraceGraph implements TraceWalk.Expander {
    /** Guards memory against a pathological level; the walk's own limit is far below this. */
    private static final int MAX_ROWS_PER_QUERY = 500_000;
    static final String ILMD_LOT = "coalesce(e.doc->'ilmd'->>'cbvmda:lotNumber', e.doc->'ilmd'->>'urn:epcglobal:cbv:mda#lotNumber')";

    private static final String LINKS = "SELECT a.epc_key, b.epc, e.event_type, e.event_id FROM event_epc a "
            + "JOIN epcis_event e ON e.id = a.event_id AND e.event_type IN ('AggregationEvent', 'TransformationEvent') "
            + "JOIN event_epc b ON b.event_id = a.event_id WHERE a.epc_key = ANY(?) AND ";
    private static final String LINKS_FORWARD = LINKS + "a.role IN ('child', 'input') AND "
            + "((a.role = 'child' AND b.role = 'parent') OR (a.role = 'input' AND b.role = 'output')) LIMIT " + MAX_ROWS_PER_QUERY;
    private static final String LINKS_BACK = LINKS + "a.role IN ('parent', 'output') AND "
            + "((a.role = 'parent' AND b.role = 'child') OR (a.role = 'output' AND b.role = 'input')) LIMIT " + MAX_ROWS_PER_QUERY;
    // '??' is pgjdbc's escape for the jsonb '?' operator, which the partial index's predicate uses.
    // The lot number is read once per event (MATERIALIZED): evaluated per joined row it would
    // decompress a commissioning event's whole document once for each of its items.
    private static final String ITEMS_OF_LOTS = "WITH lots AS MATERIALIZED (SELECT e.id, e.event_id, " + ILMD_LOT
            + " AS lot FROM epcis_event e WHERE e.doc ?? 'ilmd' AND " + ILMD_LOT + " = ANY(?)) "
            + "SELECT x.epc, l.event_id, l.lot FROM lots l JOIN event_epc x ON x.event_id = l.id AND x.role = 'epc' "
            + "LIMIT " + MAX_ROWS_PER_QUERY;
    /**
     * An identifier carries the lot of prefix {@code p.prefix} ({@link TraceId#itemLinkPrefix}, ending
     * in '/'): a byte-order range, served by the "C"-collation index on event_epc (V9). A range, not
     * LIKE, because LIKE uses an index only for a constant pattern and a level holds many lots.
     */
    static final String CARRIES_LOT = "x.epc COLLATE \"C\" >= p.prefix AND x.epc COLLATE \"C\" < left(p.prefix, -1) || '0'";
    static final String ITEMS_CARRYING_LOTS = "SELECT DISTINCT p.lot, x.epc FROM unnest(?::text[], ?::text[]) "
            + "AS p(lot, prefix) JOIN event_epc x ON " + CARRIES_LOT + " LIMIT " + MAX_ROWS_PER_QUERY;
    // An ObjectEvent ADD naming items (epcList) and their lot as a class (quantityList LGTIN):
    // the items are of that lot when their GTIN is the lot's (checked on the rows).
    private static final String CO_NAMED = "SELECT a.epc_key, b.epc, e.event_id FROM event_epc a JOIN epcis_event e ON e.id = a.event_id "
            + "AND e.event_type = 'ObjectEvent' AND e.action = 'ADD' JOIN event_epc b ON b.event_id = a.event_id AND b.role = ? "
            + "WHERE a.epc_key = ANY(?) AND a.role = ? LIMIT " + MAX_ROWS_PER_QUERY;
    private static final String LOTS_OF_ITEMS = "WITH hits AS MATERIALIZED (SELECT x.epc_key AS epc, x.event_id FROM event_epc x "
            + "WHERE x.epc_key = ANY(?) AND x.role = 'epc'), lots AS MATERIALIZED (SELECT e.id, e.event_id, " + ILMD_LOT
            + " AS lot FROM epcis_event e WHERE e.id IN (SELECT event_id FROM hits) AND e.doc ?? 'ilmd') "
            + "SELECT h.epc, l.event_id, l.lot FROM hits h JOIN lots l ON l.id = h.event_id WHERE l.lot IS NOT NULL "
            + "LIMIT " + MAX_ROWS_PER_QUERY;

    private final Connection c;
    private final TraceWalk.Direction direction;
    private final List<String> linkBases;

    /** Items carrying their lot in a Digital Link are searched for under GS1's canonical base only. */
    public TraceGraph(Connection c, TraceWalk.Direction direction) {
        this(c, direction, List.of(TraceId.CANONICAL_BASE));
    }

    /**
     * @param linkBases the resolver bases (no trailing slash) under which events name items as
     *                  Digital Links: GS1's canonical one and the deployment's own
     */
    public TraceGraph(Connection c, TraceWalk.Direction direction, List<String> linkBases) {
        this.c = c;
        this.direction = direction;
        this.linkBases = List.copyOf(linkBases);
    }

    @Override
    public List<TraceWalk.Link> expand(List<TraceId> frontier) throws SQLException {
        Map<String, String> keyOf = keyIndex(frontier);
        List<TraceWalk.Link> links = new ArrayList<>();
        boolean forward = direction == TraceWalk.Direction.FORWARD;
        try (PreparedStatement st = c.prepareStatement(forward ? LINKS_FORWARD : LINKS_BACK)) {
            st.setArray(1, texts(keyOf.keySet()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    boolean aggregation = rs.getString(3).equals("AggregationEvent");
                    String relation = aggregation ? (forward ? "contained in" : "contains")
                            : (forward ? "transformed into" : "made from");
                    links.add(new TraceWalk.Link(keyOf.get(rs.getString(1)), TraceId.ofStored(rs.getString(2)), relation,
                            rs.getString(4)));
                }
            }
        }
        if (forward) {
            itemsOfLots(frontier, links);
        } else {
            lotsOfItems(frontier, keyOf, links);
        }
        return links;
    }

    private void itemsOfLots(List<TraceId> frontier, List<TraceWalk.Link> links) throws SQLException {
        Map<String, List<TraceId>> lotsByNumber = new HashMap<>();
        for (TraceId id : frontier) {
            if (id.kind() == TraceId.Kind.LOT) {
                lotsByNumber.computeIfAbsent(id.lot(), k -> new ArrayList<>()).add(id);
            }
        }
        if (lotsByNumber.isEmpty()) {
            return;
        }
        itemsCarryingLots(lotsByNumber, links);
        coNamed(frontier, TraceId.Kind.LOT, links);
        try (PreparedStatement st = c.prepareStatement(ITEMS_OF_LOTS)) {
            st.setArray(1, texts(lotsByNumber.keySet()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    TraceId item = TraceId.ofStored(rs.getString(1));
                    if (item.kind() != TraceId.Kind.ITEM) {
                        continue;
                    }
                    for (TraceId lot : lotsByNumber.getOrDefault(rs.getString(3), List.of())) {
                        if (lot.gtin().equals(item.gtin())) {
                            links.add(new TraceWalk.Link(lot.key(), item.withLot(lot.lot()), "lot of", rs.getString(2)));
                        }
                    }
                }
            }
        }
    }

    /** Items named by a Digital Link carrying the lot ({@code /10/{lot}/21/...}), with or without an ILMD lot. */
    private void itemsCarryingLots(Map<String, List<TraceId>> lotsByNumber, List<TraceWalk.Link> links) throws SQLException {
        Map<String, TraceId> lots = new HashMap<>();
        lotsByNumber.values().forEach(l -> l.forEach(lot -> lots.put(lot.key(), lot)));
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (TraceId lot : lots.values()) {
            for (String base : linkBases) {
                keys.add(lot.key());
                prefixes.add(lot.itemLinkPrefix(base));
            }
        }
        try (PreparedStatement st = c.prepareStatement(ITEMS_CARRYING_LOTS)) {
            st.setArray(1, texts(keys));
            st.setArray(2, texts(prefixes));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    TraceId lot = lots.get(rs.getString(1));
                    TraceId item = TraceId.ofStored(rs.getString(2));
                    if (item.kind() == TraceId.Kind.ITEM && lot.gtin().equals(item.gtin())) {
                        // the identifier links them, no event does (as item -> lot when walking back)
                        links.add(new TraceWalk.Link(lot.key(), item.withLot(lot.lot()), "lot of", null));
                    }
                }
            }
        }
    }

    private void lotsOfItems(List<TraceId> frontier, Map<String, String> keyOf, List<TraceWalk.Link> links)
            throws SQLException {
        Map<String, TraceId> items = new HashMap<>();
        for (TraceId id : frontier) {
            if (id.kind() == TraceId.Kind.ITEM) {
                items.put(id.key(), id);
                if (id.lot() != null) {
                    links.add(new TraceWalk.Link(id.key(), id.lotOf(id.lot()), "item of", null));
                }
            }
        }
        if (items.isEmpty()) {
            return;
        }
        coNamed(frontier, TraceId.Kind.ITEM, links);
        try (PreparedStatement st = c.prepareStatement(LOTS_OF_ITEMS)) {
            st.setArray(1, texts(keyIndex(items.values()).keySet()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    TraceId item = items.get(keyOf.get(rs.getString(1)));
                    links.add(new TraceWalk.Link(item.key(), item.lotOf(rs.getString(3)), "item of", rs.getString(2)));
                }
            }
        }
    }

    /**
     * Lot to items ({@code from} LOT) or item to lot ({@code from} ITEM) through ObjectEvents ADD that
     * name the items in their EPC list and the lot's LGTIN class in their quantity list.
     */
    private void coNamed(List<TraceId> frontier, TraceId.Kind from, List<TraceWalk.Link> links) throws SQLException {
        List<TraceId> nodes = frontier.stream().filter(id -> id.kind() == from).toList();
        Map<String, String> keyOf = keyIndex(nodes);
        Map<String, TraceId> byKey = new HashMap<>();
        nodes.forEach(n -> byKey.put(n.key(), n));
        boolean fromLot = from == TraceId.Kind.LOT;
        try (PreparedStatement st = c.prepareStatement(CO_NAMED)) {
            st.setString(1, fromLot ? "epc" : "quantity");
            st.setArray(2, texts(keyOf.keySet()));
            st.setString(3, fromLot ? "quantity" : "epc");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    TraceId node = byKey.get(keyOf.get(rs.getString(1)));
                    TraceId other = TraceId.ofStored(rs.getString(2));
                    if (other.kind() != (fromLot ? TraceId.Kind.ITEM : TraceId.Kind.LOT) || !node.gtin().equals(other.gtin())) {
                        continue;
                    }
                    links.add(fromLot ? new TraceWalk.Link(node.key(), other.withLot(node.lot()), "lot of", rs.getString(3))
                            : new TraceWalk.Link(node.key(), other, "item of", rs.getString(3)));
                }
            }
        }
    }

    /**
     * The stored keys ({@code event_epc.epc_key}, see {@link EpcKey}) of every node, mapped back to the
     * node's key. A GS1 code's spellings share one key, so a node costs one index probe. Whether they
     * do is checked on one URN spelling (a level may hold thousands of nodes with ten spellings each);
     * a code that only some spellings reduce (a serial outside GS1's character set) probes the key of
     * every spelling.
     */
    static Map<String, String> keyIndex(Collection<TraceId> nodes) {
        Map<String, String> keyOf = new HashMap<>();
        for (TraceId id : nodes) {
            String key = EpcKey.of(id.key());
            keyOf.putIfAbsent(key, id.key());
            boolean reduced = id.aliases().stream().filter(a -> a.startsWith("urn:")).findFirst()
                    .map(urn -> EpcKey.of(urn).equals(key)).orElse(true);
            if (!reduced) {
                for (String alias : id.aliases()) {
                    keyOf.putIfAbsent(EpcKey.of(alias), id.key());
                }
            }
        }
        return keyOf;
    }

    private Array texts(Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(new String[0]));
    }
}
