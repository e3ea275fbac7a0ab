package org.prooftrail.store.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The one writer of {@code alert}: raises an alert inside the caller's transaction (so an alert exists
 * exactly when what it reports was committed) and pages through them, newest first, by id.
 */
public final class Alerts {
    private static final String COLUMNS = "id, kind, subject, org_id, details::text, raised_at";

    private final DataSource db;

    public Alerts(DataSource db) {
        this.db = db;
    }

    /** Raises an alert on {@code c}, in whatever transaction it is in; returns its id. */
    public static long raise(Connection c, NewAlert a) throws SQLException {
        return insert(c, a, "");
    }

    /**
     * Raises an alert on {@code c} unless a unique index of its kind already holds one (a
     * {@code clone-warning} per subject, migration V35); returns its id, or null when it was there. An
     * insert racing another transaction's waits for it to end, then does nothing if that one committed.
     */
    public static Long raiseOnce(Connection c, NewAlert a) throws SQLException {
        return insert(c, a, " ON CONFLICT DO NOTHING");
    }

    private static Long insert(Connection c, NewAlert a, String onConflict) throws SQLException {
        // jsonb_object builds the details from parallel key and value arrays: no JSON library in the store
        try (PreparedStatement st = c.prepareStatement("INSERT INTO alert (kind, subject, org_id, details) "
                + "VALUES (?, ?, ?, jsonb_object(?::text[], ?::text[]))" + onConflict + " RETURNING id")) {
            st.setString(1, a.kind());
            st.setString(2, a.subject());
            st.setString(3, a.orgId());
            st.setArray(4, c.createArrayOf("text", a.details().keySet().toArray()));
            st.setArray(5, c.createArrayOf("text", a.details().values().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** One page of alerts, newest first. */
    public List<Alert> page(AlertFilter f) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM alert "
                     + "WHERE (?::text IS NULL OR org_id = ?) AND (?::text IS NULL OR kind = ?) "
                     + "AND (?::timestamptz IS NULL OR raised_at >= ?) AND (?::timestamptz IS NULL OR raised_at < ?) "
                     + "AND id < ? ORDER BY id DESC LIMIT ?")) {
            st.setString(1, f.orgId());
            st.setString(2, f.orgId());
            st.setString(3, f.kind());
            st.setString(4, f.kind());
            Timestamp from = f.from() == null ? null : Timestamp.from(f.from());
            Timestamp to = f.to() == null ? null : Timestamp.from(f.to());
            st.setTimestamp(5, from);
            st.setTimestamp(6, from);
            st.setTimestamp(7, to);
            st.setTimestamp(8, to);
            st.setLong(9, f.beforeId() == null ? Long.MAX_VALUE : f.beforeId());
            st.setInt(10, f.limit());
            List<Alert> out = new ArrayList<>(Math.min(f.limit(), 1000));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        }
    }
}
