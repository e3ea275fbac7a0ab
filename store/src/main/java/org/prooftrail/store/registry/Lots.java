package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code lot}.
 *
 * <p>Conflict rule: a lot number names one lot of its product, for good: {@link #create} refuses a lot
 * that is registered already as a {@link RegistryConflict} (the API answers 409; the demo registers its lot
 * only when it has not stored its journey yet), and so does a retired product asked for a new lot. Its
 * owner is always the product's owner. Lots are corrected and retired ({@link #update}), never deleted.
 */
public final class Lots {
    private final DataSource db;

    public Lots(DataSource db) {
        this.db = db;
    }

    /**
     * @param producedAt and {@code expiresOn} may be null
     * @throws RegistryConflict (field {@code lot}) when the lot is taken, (field {@code gtin}) when the product is retired
     */
    public Lot create(Product p, String lot, Instant producedAt, LocalDate expiresOn) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // a share lock: a retirement committing meanwhile waits for this lot, or this lot sees it
                try (PreparedStatement st = c.prepareStatement("SELECT retired_at FROM product WHERE gtin = ? FOR SHARE")) {
                    st.setString(1, p.gtin());
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next() && rs.getTimestamp(1) != null) {
                            throw new RegistryConflict("gtin", "product " + p.gtin() + " was retired on "
                                    + rs.getTimestamp(1).toInstant() + "; a retired product takes no new lots");
                        }
                    }
                }
                try (PreparedStatement st = c.prepareStatement("INSERT INTO lot (gtin, lot, org_id, produced_at, expires_on) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    st.setString(1, p.gtin());
                    st.setString(2, lot);
                    st.setString(3, p.org());
                    st.setTimestamp(4, producedAt == null ? null : Timestamp.from(producedAt));
                    st.setDate(5, expiresOn == null ? null : Date.valueOf(expiresOn));
                    if (st.executeUpdate() == 0) {
                        throw new RegistryConflict("lot", "lot '" + lot + "' of GTIN " + p.gtin() + " is already registered");
                    }
                }
                c.commit();
                return new Lot(p, lot, expiresOn);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The lot with its expiry, if registered. */
    public Optional<Lot> find(Product p, String lot) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT expires_on FROM lot WHERE gtin = ? AND lot = ?")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date expires = rs.getDate(1);
                return Optional.of(new Lot(p, lot, expires == null ? null : expires.toLocalDate()));
            }
        }
    }

    public Optional<LotDetails> details(Product p, String lot) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(DETAILS + "WHERE l.gtin = ? AND l.lot = ?")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(details(p, rs)) : Optional.empty();
            }
        }
    }

    /**
     * One page of a product's lots in lot order, with their item counts.
     *
     * @param after the last lot of the previous page, or null for the first
     */
    public List<LotDetails> list(Product p, String after, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(DETAILS + "WHERE l.gtin = ? AND (?::text IS NULL OR l.lot > ?) "
                     + "ORDER BY l.lot LIMIT ?")) {
            st.setString(1, p.gtin());
            st.setString(2, after);
            st.setString(3, after);
            st.setInt(4, limit);
            List<LotDetails> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(details(p, rs));
                }
            }
            return out;
        }
    }

    /**
     * Corrects a lot's production time and expiry, retires or reinstates it (retiring keeps the first
     * time). Its items, their codes and labels stay as issued.
     *
     * @return false when the lot is not registered
     */
    public boolean update(Product p, String lot, LotEdit edit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE lot SET produced_at = ?, expires_on = ?, "
                     + "retired_at = CASE WHEN ? THEN coalesce(retired_at, now()) END WHERE gtin = ? AND lot = ?")) {
            st.setTimestamp(1, edit.producedAt() == null ? null : Timestamp.from(edit.producedAt()));
            st.setDate(2, edit.expiresOn() == null ? null : Date.valueOf(edit.expiresOn()));
            st.setBoolean(3, edit.retired());
            st.setString(4, p.gtin());
            st.setString(5, lot);
            return st.executeUpdate() == 1;
        }
    }

    private static final String DETAILS = "SELECT l.lot, l.produced_at, l.expires_on, l.created_at, "
            + "(SELECT count(*) FROM item i WHERE i.gtin = l.gtin AND i.lot = l.lot), l.retired_at FROM lot l ";

    private static LotDetails details(Product p, ResultSet rs) throws SQLException {
        Timestamp produced = rs.getTimestamp(2);
        Date expires = rs.getDate(3);
        Timestamp retired = rs.getTimestamp(6);
        return new LotDetails(p.gtin(), rs.getString(1), p.org(), produced == null ? null : produced.toInstant(),
                expires == null ? null : expires.toLocalDate(), rs.getTimestamp(4).toInstant(), rs.getLong(5),
                retired == null ? null : retired.toInstant());
    }
}
