package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code lot}.
 *
 * <p>Conflict rule: a lot number names one lot of its product, for good: {@link #create} refuses a lot
 * that is registered already as a {@link RegistryConflict} (the API answers 409; the demo registers its lot
 * only when it has not stored its journey yet). Its owner is always the product's owner.
 */
public final class Lots {
    private final DataSource db;

    public Lots(DataSource db) {
        this.db = db;
    }

    /** @param producedAt and {@code expiresOn} may be null */
    public Lot create(Product p, String lot, Instant producedAt, LocalDate expiresOn) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO lot (gtin, lot, org_id, produced_at, expires_on) "
                     + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            st.setString(3, p.org());
            st.setTimestamp(4, producedAt == null ? null : Timestamp.from(producedAt));
            st.setDate(5, expiresOn == null ? null : Date.valueOf(expiresOn));
            if (st.executeUpdate() == 0) {
                throw new RegistryConflict("lot", "lot '" + lot + "' of GTIN " + p.gtin() + " is already registered");
            }
            return new Lot(p, lot, expiresOn);
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
             PreparedStatement st = c.prepareStatement("SELECT l.produced_at, l.expires_on, l.created_at, "
                     + "(SELECT count(*) FROM item i WHERE i.gtin = l.gtin AND i.lot = l.lot) "
                     + "FROM lot l WHERE l.gtin = ? AND l.lot = ?")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp produced = rs.getTimestamp(1);
                Date expires = rs.getDate(2);
                return Optional.of(new LotDetails(p.gtin(), lot, p.org(), produced == null ? null : produced.toInstant(),
                        expires == null ? null : expires.toLocalDate(), rs.getTimestamp(3).toInstant(), rs.getLong(4)));
            }
        }
    }
}
