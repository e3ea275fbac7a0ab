package org.prooftrail.store.subscriptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.store.epcis.EventFeed;

/** Webhook subscriptions (table epcis_subscription) as their owners manage them. Blocking. */
public final class Subscriptions {
    static final String COLUMNS = "s.id, s.scope, s.query_name, s.only_org, s.dest, s.signature_token, s.report_if_empty, "
            + "s.stream, s.schedule::text, s.initial_record_time, s.cursor_tx::text, s.cursor_id, s.next_run_at, "
            + "s.created_by, s.created_at, s.last_notified_at";

    private final DataSource db;

    public Subscriptions(DataSource db) {
        this.db = db;
    }

    /**
     * Stores a new subscription; false when its named query is gone. {@link Subscription#cursor()} is where
     * its feed starts and {@link Subscription#nextRunAt()} its first run when scheduled.
     */
    public boolean create(Subscription s) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO epcis_subscription (id, scope, query_name, only_org, dest, signature_token, report_if_empty, "
                        + "stream, schedule, initial_record_time, cursor_tx, cursor_id, next_run_at, created_by) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::xid8, ?, ?, ? "
                        + "WHERE EXISTS (SELECT 1 FROM epcis_named_query WHERE scope = ? AND name = ?)")) {
            st.setString(1, s.id());
            st.setString(2, s.scope());
            st.setString(3, s.queryName());
            st.setString(4, s.onlyOrg());
            st.setString(5, s.dest());
            st.setString(6, s.signatureToken());
            st.setBoolean(7, s.reportIfEmpty());
            st.setBoolean(8, s.stream());
            st.setString(9, s.scheduleJson());
            st.setTimestamp(10, s.initialRecordTime() == null ? null : Timestamp.from(s.initialRecordTime()));
            st.setString(11, Long.toString(s.cursor().tx()));
            st.setLong(12, s.cursor().id());
            st.setTimestamp(13, s.nextRunAt() == null ? null : Timestamp.from(s.nextRunAt()));
            st.setString(14, s.createdBy());
            st.setString(15, s.scope());
            st.setString(16, s.queryName());
            return st.executeUpdate() == 1;
        }
    }

    public List<Subscription> list(String scope, String queryName) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + ", NULL FROM epcis_subscription s WHERE s.scope = ? AND s.query_name = ? ORDER BY s.created_at, s.id")) {
            st.setString(1, scope);
            st.setString(2, queryName);
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    public Optional<Subscription> find(String scope, String queryName, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + ", NULL FROM epcis_subscription s WHERE s.scope = ? AND s.query_name = ? AND s.id = ?")) {
            st.setString(1, scope);
            st.setString(2, queryName);
            st.setString(3, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Unsubscribes; its undelivered documents go with it. */
    public boolean delete(String scope, String queryName, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM epcis_subscription WHERE scope = ? AND query_name = ? AND id = ?")) {
            st.setString(1, scope);
            st.setString(2, queryName);
            st.setString(3, id);
            return st.executeUpdate() == 1;
        }
    }

    /** A row of {@link #COLUMNS} followed by the query definition (or NULL). */
    static Subscription row(ResultSet rs) throws SQLException {
        return new Subscription(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), instant(rs.getTimestamp(10)),
                new EventFeed.Position(Long.parseLong(rs.getString(11)), rs.getLong(12)), instant(rs.getTimestamp(13)),
                rs.getString(14), instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), rs.getString(17));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
