package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.prooftrail.core.custody.Grant;
import org.prooftrail.core.custody.WriteRights;
import org.prooftrail.core.custody.Writing;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.trace.FarmSteps;

/**
 * The events on a code's journey: those naming the item or its lot, those of containers that held
 * them (AggregationEvents: from each packing ADD until the container's next DELETE, two levels deep,
 * e.g. case in pallet; a container unpacked and packed again holds them again from the new ADD), and,
 * for transformed goods such as produce, the events of the transformation's inputs up to the
 * transformation (planting, input applications, harvest). One recursive statement answers any number
 * of journeys at once (the excursion report asks for a page of lots); every lookup in it is an exact
 * match on the event_epc index.
 *
 * <p>Who may write about whose goods is decided here, once per journey, by {@link WriteRights} over
 * the same rows (docs/custody.md): with the journey's owner given ({@link Codes#owner}), the statement
 * also reads the owner's grants covering the goods and the destinations of shipping events, and events
 * that do not count come back apart as {@link UnconfirmedClaim}s, never among the journey's events.
 */
public final class JourneyEvents {
    /** Events kept per journey (the earliest stored first); a pack's journey has a handful. */
    public static final int MAX_EVENTS = 500;
    private static final int CONTAINER_DEPTH = 2;

    /**
     * One journey asked for: spellings of the item's code (may be empty: a lot's journey) and of the
     * lot's; any one spelling of each is enough, more cost nothing (they share a key).
     */
    public record Codes(Set<String> itemForms, Set<String> lotForms, String owner, String gtin, String lot) {
        /** A journey whose owner is not known: every event on it counts ({@link WriteRights}). */
        public Codes(Set<String> itemForms, Set<String> lotForms) {
            this(itemForms, lotForms, null, null, null);
        }
    }

    /**
     * The destinations a shipping event names (read from its document only for shipping events: the
     * write rule hands custody to them, see WriteRights).
     */
    static final String DESTINATIONS = "CASE WHEN lower(e.biz_step) ~ '(^|[/#:-])(shipping|departing)$' "
            + "AND jsonb_typeof(e.doc->'destinationList') = 'array' THEN ARRAY(SELECT d->>'destination' "
            + "FROM jsonb_array_elements(e.doc->'destinationList') d) END";
    /** Whether the event came as an SD-JWT with disclosures (kept on its envelope row, V38). */
    static final String SELECTIVE = "(v.disclosures IS NOT NULL)";
    // own: the codes themselves; packed: the containers that held them (depth 1) or held those (depth 2),
    // one row per packing with its window; first: events naming the codes (rank 0 item, 1 lot) or a
    // container within a window (2); inputs: the inputs of a transformation among them whose outputs
    // include a code (its input and output rows, by key), with the transformation's time; their events up to it are rank 3. An event on
    // the journey for several reasons is shown with the first (lowest rank). MATERIALIZED: inlined,
    // the CTEs multiplied the planner's work (6 ms to plan, measured warm; 1.3 ms so); the excursion
    // report's pool plans every run (Database.PlanCache.FORCE_CUSTOM_PLAN), the resolver's lookups
    // plan once per connection (FORCE_GENERIC_PLAN), which the index-only shape below makes safe.
    // who: each journey's owner and goods (GTIN, lot); granted: the owner's grants covering them, one row
    // per journey, read once (the write rule, WriteRights, needs them beside the events).
    static final String SQL = "WITH RECURSIVE own(j, epc, rank) AS (SELECT * FROM unnest(?::int[], ?::text[], ?::int[])), "
            + "who(j, owner, gtin, lot) AS (SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[])), "
            + "granted AS MATERIALIZED (SELECT w.j, array_agg(g.grantee_org) AS grantees, array_agg(g.revoked_at) AS revoked "
            + "FROM who w JOIN write_grant g ON g.owner_org = w.owner AND (g.gtin IS NULL OR g.gtin = w.gtin) "
            + "AND (g.lot IS NULL OR g.lot = w.lot) GROUP BY w.j), "
            + "packed(j, epc, depth, from_t, to_t) AS ("
            + "SELECT DISTINCT j, epc, 0, NULL::timestamptz, NULL::timestamptz FROM own "
            + "UNION SELECT k.j, p.epc_key, k.depth + 1, a.event_time, (SELECT min(d.event_time) FROM event_epc dp "
            + "JOIN epcis_event d ON d.id = dp.event_id WHERE dp.epc_key = p.epc_key AND dp.role = 'parent' "
            + "AND d.event_type = 'AggregationEvent' AND d.action = 'DELETE' AND d.event_time > a.event_time) "
            + "FROM packed k CROSS JOIN LATERAL (" + eventsOf("k.epc", "x.role IN ('child', 'quantity') "
            + "AND e.event_type = 'AggregationEvent' AND e.action = 'ADD'") + ") a "
            + "JOIN event_epc p ON p.event_id = a.id AND p.role = 'parent' WHERE k.depth < " + CONTAINER_DEPTH + "), "
            + "first AS MATERIALIZED (SELECT o.j, x.event_id AS id, o.rank FROM own o CROSS JOIN LATERAL (SELECT x.event_id "
            + "FROM event_epc x WHERE x.epc_key = o.epc OFFSET 0) x UNION ALL SELECT k.j, x.id, 2 FROM packed k CROSS JOIN LATERAL ("
            + eventsOf("k.epc", "e.event_time >= k.from_t AND (k.to_t IS NULL OR e.event_time <= k.to_t)") + ") x "
            + "WHERE k.depth > 0), "
            + "inputs AS MATERIALIZED (SELECT DISTINCT f.j, i.epc, t.event_time AS until FROM (SELECT DISTINCT j, id FROM first) f "
            + "CROSS JOIN LATERAL (SELECT t.event_time FROM epcis_event t WHERE t.id = f.id "
            + "AND t.event_type = 'TransformationEvent' OFFSET 0) t "
            + "CROSS JOIN LATERAL (" + codes("input") + ") AS i(epc) "
            + "WHERE EXISTS (SELECT 1 FROM own o WHERE o.j = f.j AND o.epc IN (" + codes("output") + ")) "
            + "AND NOT EXISTS (SELECT 1 FROM own o WHERE o.j = f.j AND o.epc = i.epc)), "
            + "found AS MATERIALIZED (SELECT j, id, rank FROM first UNION ALL SELECT i.j, x.id, 3 FROM inputs i "
            + "CROSS JOIN LATERAL (" + eventsOf("i.epc", "e.event_time <= i.until") + ") x), "
            + "chosen AS (SELECT DISTINCT ON (j, id) j, id, rank FROM found ORDER BY j, id, rank), "
            + "capped AS (SELECT j, id, rank FROM (SELECT c.*, row_number() OVER (PARTITION BY j ORDER BY id) AS n "
            + "FROM chosen c) z WHERE n <= " + MAX_EVENTS + ") "
            + "SELECT c.j, c.rank, e.id, e.event_id, e.event_type, e.action, e.event_time, e.event_time_zone_offset, "
            + "e.biz_step, e.disposition, e.read_point, e.biz_location, o.name, v.device_id, v.seq, e.org_id, o.gln, "
            + "e.record_time, " + DESTINATIONS + ", gr.grantees, gr.revoked, " + SELECTIVE + " "
            + "FROM capped c CROSS JOIN LATERAL (SELECT * FROM epcis_event e WHERE e.id = c.id OFFSET 0) e "
            + "JOIN organisation o ON o.id = e.org_id LEFT JOIN granted gr ON gr.j = c.j "
            + "LEFT JOIN envelope v ON v.id = e.envelope_id ORDER BY c.j, e.event_time, e.id";
    /**
     * The same, with the containers and transformation inputs each event names, for readers that keep
     * journeys and must watch them: with the item's and the lot's own spellings, those are every code
     * a new event could name to change the journey (a case's or pallet's next move names it; a late
     * event of an input names the input). Not the other packs an event names beside this one.
     */
    static final String SQL_WITH_CODES = SQL.replace(SELECTIVE + " ",
            SELECTIVE + ", ARRAY(SELECT n.epc_key FROM event_epc n WHERE n.event_id = e.id "
            + "AND n.role IN ('parent', 'input')) ");
    /**
     * The events (id, time) naming one code that pass {@code where} (over event_epc x and epcis_event e),
     * always found by the event_epc index and the event's key: OFFSET 0 keeps the subquery from being
     * pulled up into a join, which the planner, misjudging how many codes a recursive step yields, had
     * answered by hashing all of event_epc and epcis_event (13 ms at 16,000 rows, growing with the
     * tables; measured with EXPLAIN ANALYZE on the lookup benchmark's population). Every access in the
     * statement is so an index probe per code, whatever the tables' size when it is planned.
     */
    private static String eventsOf(String epc, String where) {
        return "SELECT e.id, e.event_time FROM event_epc x JOIN epcis_event e ON e.id = x.event_id WHERE x.epc_key = " + epc
                + " AND " + where + " OFFSET 0";
    }

    /**
     * The keys of the codes a transformation lists as inputs or outputs (EPCs and quantity classes,
     * as the event_epc rows derived from its document hold them), read by the table's key.
     */
    private static String codes(String side) {
        return "SELECT y.epc_key FROM event_epc y WHERE y.event_id = f.id AND y.role = '" + side + "'";
    }

    private static final String[] VIA = {"item", "lot", "container", "input"};

    /** The stored keys of the spellings asked for: the several spellings of one code probe the index once. */
    private static Set<String> keys(Set<String> forms) {
        Set<String> keys = new LinkedHashSet<>();
        forms.forEach(f -> keys.add(EpcKey.of(f)));
        return keys;
    }

    private JourneyEvents() {
    }

    /**
     * The journey's events in time order, each saying why it is on the journey ({@link TimelineEvent#via()}).
     *
     * @param itemForms every spelling of the item's code; may be empty (a lot's journey)
     * @param lotForms  every spelling of the lot's code
     */
    public static List<TimelineEvent> of(Connection c, Set<String> itemForms, Set<String> lotForms) throws SQLException {
        return of(c, List.of(new Codes(itemForms, lotForms))).get(0);
    }

    /** Several journeys in one statement: the events of each that count, in the order asked. */
    public static List<List<TimelineEvent>> of(Connection c, List<Codes> journeys) throws SQLException {
        return read(c, journeys, false).events();
    }

    /**
     * As {@link #of(Connection, List)}, with each journey's unconfirmed claims and its write rule (whose
     * readings count); {@link Watched#codes} is empty.
     */
    public static Watched judged(Connection c, List<Codes> journeys) throws SQLException {
        return read(c, journeys, false);
    }

    /**
     * Journeys' events and the codes a new event would name to change them (the journeys' own codes,
     * their containers and transformation inputs), by their keys ({@link EpcKey}): what a reader keeping
     * the journeys in memory watches.
     *
     * @param events per journey, in the order asked
     * @param codes  over all the journeys
     */
    public record Watched(List<List<TimelineEvent>> events, Set<String> codes, List<List<UnconfirmedClaim>> claims,
                          List<WriteRights> rights) {
    }

    /** As {@link #of(Connection, List)}, with the codes to watch. */
    public static Watched watched(Connection c, List<Codes> journeys) throws SQLException {
        return read(c, journeys, true);
    }

    private static Watched read(Connection c, List<Codes> journeys, boolean withCodes) throws SQLException {
        Set<String> codes = new HashSet<>();
        List<List<Row>> rows = new ArrayList<>();
        List<Integer> js = new ArrayList<>();
        List<String> epcs = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        Object[] who = new Object[journeys.size()];
        Object[] owners = new Object[journeys.size()];
        Object[] gtins = new Object[journeys.size()];
        Object[] lots = new Object[journeys.size()];
        for (int j = 0; j < journeys.size(); j++) {
            rows.add(new ArrayList<>());
            Codes asked = journeys.get(j);
            who[j] = j;
            owners[j] = asked.owner();
            gtins[j] = asked.gtin();
            lots[j] = asked.lot();
            Set<String> itemKeys = keys(asked.itemForms());
            for (String key : itemKeys) {
                js.add(j);
                epcs.add(key);
                ranks.add(0);
            }
            for (String key : keys(asked.lotForms())) {
                if (!itemKeys.contains(key)) {
                    js.add(j);
                    epcs.add(key);
                    ranks.add(1);
                }
            }
        }
        List<List<Grant>> grants = new ArrayList<>();
        journeys.forEach(j -> grants.add(List.of()));
        if (!epcs.isEmpty()) {
            codes.addAll(epcs);
            try (PreparedStatement st = c.prepareStatement(withCodes ? SQL_WITH_CODES : SQL)) {
                st.setArray(1, c.createArrayOf("int4", js.toArray()));
                st.setArray(2, c.createArrayOf("text", epcs.toArray()));
                st.setArray(3, c.createArrayOf("int4", ranks.toArray()));
                st.setArray(4, c.createArrayOf("int4", who));
                st.setArray(5, c.createArrayOf("text", owners));
                st.setArray(6, c.createArrayOf("text", gtins));
                st.setArray(7, c.createArrayOf("text", lots));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int j = rs.getInt(1);
                        long seq = rs.getLong(15);
                        Long s = rs.wasNull() ? null : seq;
                        TimelineEvent e = new TimelineEvent(rs.getLong(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9),
                                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                                VIA[rs.getInt(2)], rs.getString(14), s, rs.getBoolean(22));
                        java.sql.Array destinations = rs.getArray(19);
                        rows.get(j).add(new Row(e, new Writing(rs.getString(16), rs.getString(17),
                                e.time(), rs.getTimestamp(18).toInstant(), FarmSteps.isShipping(e.bizStep()),
                                destinations == null ? List.of() : Arrays.asList((String[]) destinations.getArray()))));
                        if (grants.get(j).isEmpty() && rs.getArray(20) != null) {
                            grants.set(j, grants(rs.getArray(20), rs.getArray(21)));
                        }
                        if (withCodes) {
                            codes.addAll(Arrays.asList((String[]) rs.getArray(23).getArray()));
                        }
                    }
                }
            }
        }
        List<List<TimelineEvent>> events = new ArrayList<>();
        List<List<UnconfirmedClaim>> claims = new ArrayList<>();
        List<WriteRights> rights = new ArrayList<>();
        for (int j = 0; j < journeys.size(); j++) {
            List<Row> r = rows.get(j);
            // the rule over the goods' own events; events of transformation inputs are the inputs' story
            List<Row> own = r.stream().filter(x -> !"input".equals(x.event().via())).toList();
            WriteRights rule = WriteRights.of(journeys.get(j).owner(), grants.get(j),
                    own.stream().map(Row::writing).toList());
            Set<Long> unconfirmed = new HashSet<>();
            List<UnconfirmedClaim> claimed = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                if (!rule.counts(i)) {
                    unconfirmed.add(own.get(i).event().id());
                    claimed.add(new UnconfirmedClaim(own.get(i).event(), own.get(i).writing().org()));
                }
            }
            events.add(r.stream().map(Row::event).filter(e -> !unconfirmed.contains(e.id())).toList());
            claims.add(claimed);
            rights.add(rule);
        }
        return new Watched(events, codes, claims, rights);
    }

    /** An event as read, with what the write rule needs of it. */
    private record Row(TimelineEvent event, Writing writing) {
    }

    private static List<Grant> grants(java.sql.Array grantees, java.sql.Array revoked) throws SQLException {
        String[] who = (String[]) grantees.getArray();
        java.sql.Timestamp[] until = (java.sql.Timestamp[]) revoked.getArray();
        List<Grant> out = new ArrayList<>(who.length);
        for (int i = 0; i < who.length; i++) {
            out.add(new Grant(who[i], until[i] == null ? null : until[i].toInstant()));
        }
        return out;
    }
}
