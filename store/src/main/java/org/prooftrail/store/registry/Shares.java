package org.prooftrail.store.registry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.identifiers.EpcKey;

/**
 * The one writer of {@code epcis_share} (migration V36): an owner organisation shares its events about a
 * product or a lot with a partner, which reads them through EPCIS queries and traces
 * ({@code store.epcis.SharedEvents}). Never deleted, only revoked: the list keeps who was shown what.
 */
public final class Shares {
    private static final String COLUMNS = "id, owner_org, grantee_org, gtin, lot, fields, expires_at, granted_at, revoked_at";
    private final DataSource db;

    public Shares(DataSource db) {
        this.db = db;
    }

    /**
     * Shares the owner's events about {@code gtin} (or its lot {@code lot}) with {@code grantee}. The caller
     * has checked that the product and lot are the owner's.
     *
     * @param fields    top-level event members whose disclosures are shown; null: all
     * @param expiresAt null: until revoked
     */
    public Share share(String owner, String grantee, String gtin, String lot, List<String> fields, Instant expiresAt)
            throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO epcis_share (owner_org, grantee_org, gtin, lot, lot_key, "
                     + "fields, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            st.setString(1, owner);
            st.setString(2, grantee);
            st.setString(3, gtin);
            st.setString(4, lot);
            st.setString(5, lot == null ? null : EpcKey.of(new DigitalLink(Gtin.parse(gtin), lot, null).uri(EpcKey.BASE)));
            st.setArray(6, fields == null ? null : c.createArrayOf("text", fields.toArray()));
            st.setTimestamp(7, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return share(rs);
            }
        }
    }

    /** Revokes the owner's share; empty when the owner gave no such share, the share as it stands when revoked before. */
    public Optional<Share> revoke(String owner, long id) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE epcis_share SET revoked_at = coalesce(revoked_at, now()) "
                     + "WHERE id = ? AND owner_org = ? RETURNING " + COLUMNS)) {
            st.setLong(1, id);
            st.setString(2, owner);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(share(rs)) : Optional.empty();
            }
        }
    }

    /** The shares an organisation gave or received (null: every organisation's), newest first. */
    public List<Share> involving(String org) throws SQLException {
        List<Share> out = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM epcis_share "
                     + "WHERE ?::text IS NULL OR owner_org = ? OR grantee_org = ? ORDER BY id DESC LIMIT 10000")) {
            st.setString(1, org);
            st.setString(2, org);
            st.setString(3, org);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(share(rs));
                }
            }
        }
        return out;
    }

    private static Share share(ResultSet rs) throws SQLException {
        Array fields = rs.getArray(6);
        Timestamp expires = rs.getTimestamp(7);
        Timestamp revoked = rs.getTimestamp(9);
        return new Share(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).trim(), rs.getString(5),
                fields == null ? null : Arrays.asList((String[]) fields.getArray()),
                expires == null ? null : expires.toInstant(), rs.getTimestamp(8).toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
