package org.prooftrail.store.epcis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs an {@link EventFilter} page by page (keyset on sort time and row id); prepared statements only. Blocking.
 * A company sees its own organisation's events and those its shares cover ({@link SharedEvents}), the
 * latter as the share shows them ({@link PartnerViews}): one statement per page, and one more when the
 * page holds SD-JWT events a share shows only in part.
 */
public final class EventSearch {
    /** One stored event: the captured JSON, its CBV 2.0 event hash ID, its recordTime and where it sorts. */
    public record Row(long id, String eventId, String hashId, String doc, Instant recordTime, Instant sortTime) {
        public long sortMicros() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, sortTime);
        }
    }

    public record Page(List<Row> rows, boolean more) {
    }

    /** Where the previous page ended: its last row's sort time (epoch microseconds) and id. */
    public record After(long micros, long id) {
    }

    /** Null for the caller's own events and those a share shows whole; else the members a share shows. */
    private static final String PARTNER_FIELDS = "CASE WHEN e.org_id = ? THEN NULL ELSE " + SharedEvents.FIELDS + " END";
    private final DataSource db;

    public EventSearch(DataSource db) {
        this.db = db;
    }

    /**
     * @param onlyOrg the caller's organisation when it may see only its own events, else null
     * @param after   where the previous page ended, or null for the first page
     */
    public Page page(EventFilter q, String onlyOrg, After after, int size) throws SQLException {
        String orderColumn = q.order.column;
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (onlyOrg != null) {
            sql.append("WITH ").append(SharedEvents.CTE).append(' ');
            args.add(onlyOrg);
        }
        sql.append("SELECT e.id, e.event_id, e.hash_id, e.doc::text, e.record_time, e.").append(orderColumn)
                .append(", e.envelope_id, ").append(onlyOrg == null ? "NULL" : PARTNER_FIELDS).append(" FROM epcis_event e WHERE true");
        if (onlyOrg != null) {
            args.add(onlyOrg);
        }
        for (EventFilter.Condition c : q.conditions) {
            sql.append(" AND ").append(c.sql());
            args.addAll(c.args());
        }
        if (onlyOrg != null) {
            sql.append(" AND (e.org_id = ? OR e.id IN (SELECT event_id FROM shared))");
            args.add(onlyOrg);
        }
        String dir = q.descending ? "DESC" : "ASC";
        if (after != null) {
            sql.append(" AND (e.").append(orderColumn).append(", e.id) ").append(q.descending ? "<" : ">").append(" (?, ?)");
            args.add(Timestamp.from(Instant.EPOCH.plus(after.micros(), ChronoUnit.MICROS)));
            args.add(after.id());
        }
        sql.append(" ORDER BY e.").append(orderColumn).append(' ').append(dir).append(", e.id ").append(dir).append(" LIMIT ?");
        args.add(size + 1);
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof EventFilter.TextArray t) {
                    st.setArray(i + 1, c.createArrayOf("text", t.values().toArray()));
                } else {
                    st.setObject(i + 1, a);
                }
            }
            List<Row> rows = rows(c, st);
            boolean more = rows.size() > size;
            return new Page(more ? rows.subList(0, size) : rows, more);
        }
    }

    /**
     * One event by its eventID or its CBV 2.0 event hash ID, if the caller may see it. Events of the same
     * content share a hash ID: then the one with that eventID, else the first recorded, is the answer.
     */
    public Optional<Row> byEventId(String eventId, String onlyOrg) throws SQLException {
        String select = "SELECT e.id, e.event_id, e.hash_id, e.doc::text, e.record_time, e.event_time, e.envelope_id, ";
        String where = " FROM epcis_event e WHERE (e.event_id = ? OR e.hash_id = ?)";
        String order = " ORDER BY e.event_id = ? DESC, e.id LIMIT 1";
        String sql = onlyOrg == null ? select + "NULL" + where + order
                : "WITH " + SharedEvents.CTE + " " + select + PARTNER_FIELDS + where
                + " AND (e.org_id = ? OR e.id IN (SELECT event_id FROM shared))" + order;
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            if (onlyOrg != null) {
                st.setString(i++, onlyOrg);
                st.setString(i++, onlyOrg);
            }
            st.setString(i++, eventId);
            st.setString(i++, eventId);
            if (onlyOrg != null) {
                st.setString(i++, onlyOrg);
            }
            st.setString(i, eventId);
            List<Row> rows = rows(c, st);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** The rows a statement found, those a share shows in part rebuilt as it shows them. */
    private static List<Row> rows(Connection c, PreparedStatement st) throws SQLException {
        List<Row> rows = new ArrayList<>();
        java.util.Map<Integer, PartnerViews.Asked> partial = new java.util.LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Row r = new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant());
                long envelope = rs.getLong(7);
                java.sql.Array members = rs.getArray(8);
                if (members != null) {
                    partial.put(rows.size(), new PartnerViews.Asked(envelope, SharedEvents.covered(members).members()));
                }
                rows.add(r);
            }
        }
        if (!partial.isEmpty()) {
            PartnerViews.apply(c, rows, partial);
        }
        return rows;
    }
}
