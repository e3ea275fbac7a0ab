package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a batch's EPCIS event rows and their identifier rows, as {@link RowDerivation} derives them:
 * the JSON plus the columns lookups filter on, every identifier the event names with its role and, for a
 * transformation, the lots it made from which lots ({@link LotInputRows}). Set-based: at most three
 * statements per batch whatever its size (events, identifiers, lot inputs), where one statement per
 * event and one batch of identifiers per event held HTTP capture to about 490 events/s.
 */
final class EventRows {
    /*
     * WITH ORDINALITY ... ORDER BY keeps batch order, so ids (and a subscription feed's (commit_tx, id)
     * order) follow the envelopes as when events were inserted one by one. Two events of one batch with
     * the same eventID: ON CONFLICT DO NOTHING keeps the first, as the one-by-one inserts did.
     */
    private static final String INSERT_EVENTS = "INSERT INTO epcis_event (event_id, hash_id, envelope_id, org_id, event_type, "
            + "action, event_time, event_time_zone_offset, biz_step, disposition, read_point, biz_location, doc) "
            + "SELECT eid, hid, env, org, typ, act, t::timestamptz, tz, bs, dp, rp, bl, d::jsonb "
            + "FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], string_to_array(?, E'\\x1e')) "
            + "WITH ORDINALITY AS u(eid, hid, env, org, typ, act, t, tz, bs, dp, rp, bl, d, ord) ORDER BY ord "
            + "ON CONFLICT (event_id) DO NOTHING RETURNING id, event_id";
    /**
     * Separates the events' JSON texts in one text parameter. Serialised JSON never holds it raw (JSON
     * escapes every control character), and splitting on it costs PostgreSQL a fraction of parsing the
     * same texts as an array literal, where every quote of the JSON is escaped (about 5 us per event).
     */
    private static final char DOC_SEPARATOR = '\u001e';
    private static final String INSERT_EPCS = "INSERT INTO event_epc (event_id, epc, epc_key, role) "
            + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING";

    private EventRows() {
    }

    /** @return how many were stored; an event whose eventID was already stored (or earlier in {@code events}) is not */
    static int insert(Connection c, List<EventRow> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, Long> ids = insertEvents(c, events);
        int stored = ids.size();
        List<Long> epcEvents = new ArrayList<>();
        List<String> epcs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        LotInputRows lotInputs = new LotInputRows();
        for (EventRow event : events) {
            // remove: a later event of the batch with the same eventID was not stored, so it gets no rows
            Long id = ids.remove(event.eventId());
            if (id == null) {
                continue;
            }
            for (EpcRow row : event.epcs()) {
                epcEvents.add(id);
                epcs.add(row.epc());
                keys.add(row.key());
                roles.add(row.role());
            }
            lotInputs.add(id, event);
        }
        if (!epcs.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement(INSERT_EPCS)) {
                st.setArray(1, c.createArrayOf("bigint", epcEvents.toArray()));
                st.setArray(2, c.createArrayOf("text", epcs.toArray()));
                st.setArray(3, c.createArrayOf("text", keys.toArray()));
                st.setArray(4, c.createArrayOf("text", roles.toArray()));
                st.executeUpdate();
            }
        }
        lotInputs.insert(c);
        return stored;
    }

    /** The new rows' ids by eventID (absent: already stored). */
    private static Map<String, Long> insertEvents(Connection c, List<EventRow> events) throws SQLException {
        int n = events.size();
        String[][] text = new String[10][n];
        StringBuilder docs = new StringBuilder(n * 512);
        Long[] envelopes = new Long[n];
        String[] times = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow e = events.get(i);
            text[0][i] = e.eventId();
            text[1][i] = e.hashId();
            text[2][i] = e.orgId();
            text[3][i] = e.eventType();
            text[4][i] = e.action();
            text[5][i] = e.eventTimeZoneOffset();
            text[6][i] = e.bizStep();
            text[7][i] = e.disposition();
            text[8][i] = e.readPoint();
            text[9][i] = e.bizLocation();
            if (i > 0) {
                docs.append(DOC_SEPARATOR);
            }
            docs.append(e.doc().toString());
            envelopes[i] = e.envelopeId();
            times[i] = e.eventTime().toString();
        }
        Map<String, Long> ids = new HashMap<>(n * 2);
        try (PreparedStatement st = c.prepareStatement(INSERT_EVENTS)) {
            st.setArray(1, c.createArrayOf("text", text[0]));
            st.setArray(2, c.createArrayOf("text", text[1]));
            st.setArray(3, c.createArrayOf("bigint", envelopes));
            st.setArray(4, c.createArrayOf("text", text[2]));
            st.setArray(5, c.createArrayOf("text", text[3]));
            st.setArray(6, c.createArrayOf("text", text[4]));
            st.setArray(7, c.createArrayOf("text", times));
            st.setArray(8, c.createArrayOf("text", text[5]));
            st.setArray(9, c.createArrayOf("text", text[6]));
            st.setArray(10, c.createArrayOf("text", text[7]));
            st.setArray(11, c.createArrayOf("text", text[8]));
            st.setArray(12, c.createArrayOf("text", text[9]));
            st.setString(13, docs.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
