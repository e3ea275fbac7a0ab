package org.prooftrail.store.epcis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Stored events in the order their transactions started, for readers that must see every event
 * exactly once (query subscriptions). Event ids come from a sequence and commit out of order, so
 * "ids past a cursor" would skip an event whose transaction commits after a higher id was read.
 * The feed reads only below the oldest transaction still running ({@code pg_snapshot_xmin}): every
 * event there is committed or never will be, and every later one sorts after it. Blocking.
 */
public final class EventFeed {
    /** Where a reader stands: the storing transaction and row id of the last event it took. */
    public record Position(long tx, long id) {
        public static final Position START = new Position(0, 0);
    }

    /**
     * Events after a position, in feed order, and the position to continue from: the last event's
     * when the page is full, else the horizon (everything before it has been looked at).
     */
    public record Page(List<EventSearch.Row> rows, Position next, boolean more) {
    }

    private final DataSource db;

    public EventFeed(DataSource db) {
        this.db = db;
    }

    /** Where a reader starting now begins: events stored from about now on are after it. */
    public Position horizon() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new Position(Long.parseLong(rs.getString(1)), 0);
        }
    }

    /**
     * Up to {@code size} events matching {@code q} after {@code after}. The query's own order is
     * ignored: the feed has one order.
     *
     * @param onlyOrg the reader's organisation when it may see only its own events, else null
     */
    public Page after(EventFilter q, String onlyOrg, Position after, int size) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            // One snapshot for the horizon and the read, so the horizon is true of what is read.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long horizon;
                try (PreparedStatement st = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
                     ResultSet rs = st.executeQuery()) {
                    rs.next();
                    horizon = Long.parseLong(rs.getString(1));
                }
                StringBuilder sql = new StringBuilder("SELECT e.id, e.event_id, e.hash_id, e.doc::text, e.record_time, e.event_time, "
                        + "e.commit_tx::text FROM epcis_event e WHERE e.commit_tx IS NOT NULL "
                        + "AND (e.commit_tx, e.id) > (?::xid8, ?) AND e.commit_tx < ?::xid8");
                List<Object> args = new ArrayList<>(List.of(Long.toString(after.tx()), after.id(), Long.toString(horizon)));
                for (EventFilter.Condition cond : q.conditions) {
                    sql.append(" AND ").append(cond.sql());
                    args.addAll(cond.args());
                }
                if (onlyOrg != null) {
                    sql.append(" AND e.org_id = ?");
                    args.add(onlyOrg);
                }
                sql.append(" ORDER BY e.commit_tx, e.id LIMIT ?");
                args.add(size + 1);
                List<EventSearch.Row> rows = new ArrayList<>();
                List<Position> positions = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        Object a = args.get(i);
                        if (a instanceof EventFilter.TextArray t) {
                            st.setArray(i + 1, c.createArrayOf("text", t.values().toArray()));
                        } else {
                            st.setObject(i + 1, a);
                        }
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new EventSearch.Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                            positions.add(new Position(Long.parseLong(rs.getString(7)), rs.getLong(1)));
                        }
                    }
                }
                if (rows.size() > size) {
                    return new Page(List.copyOf(rows.subList(0, size)), positions.get(size - 1), true);
                }
                Position last = positions.isEmpty() ? after : positions.get(positions.size() - 1);
                return new Page(rows, max(last, new Position(horizon, 0)), false);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    private static Position max(Position a, Position b) {
        if (a.tx() != b.tx()) {
            return a.tx() > b.tx() ? a : b;
        }
        return a.id() >= b.id() ? a : b;
    }
}
