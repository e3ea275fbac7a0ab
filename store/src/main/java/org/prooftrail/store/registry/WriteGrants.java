package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code write_grant}: an owner organisation lets another write events and readings
 * that count on its goods (journeys, pages, verdicts), see docs/custody.md. A grant is never deleted, only
 * revoked: events stored before the revocation keep counting, later ones do not.
 */
public final class WriteGrants {
    private static final String COLUMNS = "id, owner_org, grantee_org, gtin, lot, granted_at, revoked_at";
    private final DataSource db;

    public WriteGrants(DataSource db) {
        this.db = db;
    }

    /**
     * Grants {@code grantee} write rights on the owner's goods: all of them ({@code gtin} null), one
     * product, or one lot of it. The caller has checked that the product and lot are the owner's.
     */
    public WriteGrant grant(String owner, String grantee, String gtin, String lot) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO write_grant (owner_org, grantee_org, gtin, lot) "
                     + "VALUES (?, ?, ?, ?) RETURNING " + COLUMNS)) {
            st.setString(1, owner);
            st.setString(2, grantee);
            st.setString(3, gtin);
            st.setString(4, lot);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return grant(rs);
            }
        }
    }

    /** Revokes the owner's grant; empty when the owner has no such grant, the grant as it stands when revoked before. */
    public Optional<WriteGrant> revoke(String owner, long id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE write_grant SET revoked_at = coalesce(revoked_at, now()) "
                     + "WHERE id = ? AND owner_org = ? RETURNING " + COLUMNS)) {
            st.setLong(1, id);
            st.setString(2, owner);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(grant(rs)) : Optional.empty();
            }
        }
    }

    /** The grants an organisation gave or received (null: every organisation's), newest first. */
    public List<WriteGrant> involving(String org) throws SQLException {
        List<WriteGrant> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM write_grant "
                     + "WHERE ?::text IS NULL OR owner_org = ? OR grantee_org = ? ORDER BY id DESC LIMIT 10000")) {
            st.setString(1, org);
            st.setString(2, org);
            st.setString(3, org);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(grant(rs));
                }
            }
        }
        return out;
    }

    private static WriteGrant grant(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp(7);
        String gtin = rs.getString(4);
        return new WriteGrant(rs.getLong(1), rs.getString(2), rs.getString(3), gtin == null ? null : gtin.trim(),
                rs.getString(5), rs.getTimestamp(6).toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
