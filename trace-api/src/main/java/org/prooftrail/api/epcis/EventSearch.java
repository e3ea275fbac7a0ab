package org.prooftrail.api.epcis;

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
import org.prooftrail.store.Database;

/** Runs an {@link EventQuery} page by page (keyset on sort time and row id); prepared statements only. Blocking. */
final class EventSearch {
    /** One stored event: the captured JSON, its recordTime and where it sorts. */
    record Row(long id, String eventId, String doc, Instant recordTime, Instant sortTime) {
        long sortMicros() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, sortTime);
        }
    }

    record Page(List<Row> rows, boolean more) {
    }

    private final Database db;

    EventSearch(Database db) {
        this.db = db;
    }

    /** @param onlyOrg the caller's organisation when it may see only its own events, else null */
    Page page(EventQuery q, String onlyOrg, PageToken.Cursor after, int size) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT e.id, e.event_id, e.doc::text, e.record_time, e.")
                .append(q.orderColumn).append(" FROM epcis_event e WHERE true");
        List<Object> args = new ArrayList<>();
        for (EventQuery.Condition c : q.conditions) {
            sql.append(" AND ").append(c.sql());
            args.addAll(c.args());
        }
        if (onlyOrg != null) {
            sql.append(" AND e.org_id = ?");
            args.add(onlyOrg);
        }
        String dir = q.descending ? "DESC" : "ASC";
        if (after != null) {
            sql.append(" AND (e.").append(q.orderColumn).append(", e.id) ").append(q.descending ? "<" : ">").append(" (?, ?)");
            args.add(Timestamp.from(Instant.EPOCH.plus(after.micros(), ChronoUnit.MICROS)));
            args.add(after.id());
        }
        sql.append(" ORDER BY e.").append(q.orderColumn).append(' ').append(dir).append(", e.id ").append(dir).append(" LIMIT ?");
        args.add(size + 1);
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof EventQuery.TextArray t) {
                    st.setArray(i + 1, c.createArrayOf("text", t.values().toArray()));
                } else {
                    st.setObject(i + 1, a);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            boolean more = rows.size() > size;
            return new Page(more ? rows.subList(0, size) : rows, more);
        }
    }

    /** One event by eventID, if the caller may see it. */
    Optional<Row> byEventId(String eventId, String onlyOrg) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "SELECT e.id, e.event_id, e.doc::text, e.record_time, e.event_time FROM epcis_event e "
                        + "WHERE e.event_id = ? AND (?::text IS NULL OR e.org_id = ?)")) {
            st.setString(1, eventId);
            st.setString(2, onlyOrg);
            st.setString(3, onlyOrg);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant()));
            }
        }
    }
}
