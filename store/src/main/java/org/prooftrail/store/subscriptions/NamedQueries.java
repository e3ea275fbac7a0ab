package org.prooftrail.store.subscriptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Named queries (table epcis_named_query), the only writer of that table. Blocking. */
public final class NamedQueries {
    private static final String COLUMNS = "scope, name, query::text, created_by, created_at";

    private final DataSource db;

    public NamedQueries(DataSource db) {
        this.db = db;
    }

    /** False when the scope already has a query of that name (nothing is changed then). */
    public boolean create(String scope, String name, String queryJson, String createdBy) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO epcis_named_query (scope, name, query, created_by) VALUES (?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            st.setString(1, scope);
            st.setString(2, name);
            st.setString(3, queryJson);
            st.setString(4, createdBy);
            return st.executeUpdate() == 1;
        }
    }

    /** The scope's queries by name, at most {@code limit}, after {@code afterName} (null for the first). */
    public List<NamedQuery> list(String scope, String afterName, int limit) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM epcis_named_query WHERE scope = ? AND (?::text IS NULL OR name > ?) ORDER BY name LIMIT ?")) {
            st.setString(1, scope);
            st.setString(2, afterName);
            st.setString(3, afterName);
            st.setInt(4, limit);
            List<NamedQuery> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    public Optional<NamedQuery> find(String scope, String name) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM epcis_named_query WHERE scope = ? AND name = ?")) {
            st.setString(1, scope);
            st.setString(2, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** Deletes the query and, with it, its subscriptions and their undelivered documents. */
    public boolean delete(String scope, String name) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "DELETE FROM epcis_named_query WHERE scope = ? AND name = ?")) {
            st.setString(1, scope);
            st.setString(2, name);
            return st.executeUpdate() == 1;
        }
    }

    private static NamedQuery row(ResultSet rs) throws SQLException {
        return new NamedQuery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant());
    }
}
