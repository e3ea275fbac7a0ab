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

/** Runs an {@link EventFilter} page by page (keyset on sort time and row id); prepared statements only. Blocking. */
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
        StringBuilder sql = new StringBuilder("SELECT e.id, e.event_id, e.hash_id, e.doc::text, e.record_time, e.")
                .append(orderColumn).append(" FROM epcis_event e WHERE true");
        List<Object> args = new ArrayList<>();
        for (EventFilter.Condition c : q.conditions) {
            sql.append(" AND ").append(c.sql());
            args.addAll(c.args());
        }
        if (onlyOrg != null) {
            sql.append(" AND e.org_id = ?");
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
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            boolean more = rows.size() > size;
            return new Page(more ? rows.subList(0, size) : rows, more);
        }
    }

    /**
     * One event by its eventID or its CBV 2.0 event hash ID, if the caller may see it. Events of the same
     * content share a hash ID: then the one with that eventID, else the first recorded, is the answer.
     */
    public Optional<Row> byEventId(String eventId, String onlyOrg) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT e.id, e.event_id, e.hash_id, e.doc::text, e.record_time, e.event_time FROM epcis_event e "
                        + "WHERE (e.event_id = ? OR e.hash_id = ?) AND (?::text IS NULL OR e.org_id = ?) "
                        + "ORDER BY e.event_id = ? DESC, e.id LIMIT 1")) {
            st.setString(1, eventId);
            st.setString(2, eventId);
            st.setString(3, onlyOrg);
            st.setString(4, onlyOrg);
            st.setString(5, eventId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant());
    }
}
