package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one writer of {@code product}.
 *
 * <p>Conflict rule: a GTIN names one product, and a China drug identifier belongs to one product, for
 * good; no registration changes an existing row. {@link #create} (a company through the API) refuses a
 * taken GTIN or China drug identifier as a {@link RegistryConflict} naming it (409). {@link #ensure} is for
 * set-ups that are re-run (the demo): the same product of the same owner under the same name is accepted
 * as it is; anything else under that GTIN, or a taken China drug identifier, is the same conflict.
 */
public final class Products {
    private final DataSource db;

    public Products(DataSource db) {
        this.db = db;
    }

    public void create(NewProduct p) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (insert(c, p) == 0) {
                throw gtinTaken(p);
            }
        }
    }

    /**
     * Registers the product unless it exists already with the same owner and name.
     *
     * @return true when it was registered now, false when it was there already
     */
    public boolean ensure(NewProduct p) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (insert(c, p) == 1) {
                return true;
            }
            try (PreparedStatement st = c.prepareStatement("SELECT org_id, name FROM product WHERE gtin = ?")) {
                st.setString(1, p.gtin());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals(p.org()) || !rs.getString(2).equals(p.name())) {
                        throw gtinTaken(p);
                    }
                }
            }
            return false;
        }
    }

    /** The product's owner and drug identifier, if the GTIN is registered. */
    public Optional<Product> find(String gtin) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT org_id, cn_drug_id FROM product WHERE gtin = ?")) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Product(gtin, rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public Optional<ProductDetails> details(String gtin) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT org_id, name, category, temp_min_c, temp_max_c, "
                     + "extract(epoch FROM max_single_excursion) / 60, extract(epoch FROM max_total_excursion) / 60, "
                     + "cn_drug_id, created_at, extract(epoch FROM max_reading_gap) / 60 FROM product WHERE gtin = ?")) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ProductDetails(gtin, rs.getString(1), rs.getString(2), rs.getString(3),
                        number(rs, 4), number(rs, 5), minutes(rs, 6), minutes(rs, 7), minutes(rs, 10), rs.getString(8),
                        rs.getTimestamp(9).toInstant()));
            }
        }
    }

    /** Inserts unless the GTIN is taken (0 rows); a taken China drug identifier is a conflict naming it. */
    private static int insert(Connection c, NewProduct p) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO product (gtin, org_id, name, category, temp_min_c, "
                + "temp_max_c, max_single_excursion, max_total_excursion, cn_drug_id, max_reading_gap) "
                + "VALUES (?, ?, ?, ?, ?, ?, make_interval(mins => ?), make_interval(mins => ?), ?, make_interval(mins => ?)) "
                + "ON CONFLICT (gtin) DO NOTHING")) {
            st.setString(1, p.gtin());
            st.setString(2, p.org());
            st.setString(3, p.name());
            st.setString(4, p.category() == null ? "drug" : p.category());
            setDouble(st, 5, p.tempMinC());
            setDouble(st, 6, p.tempMaxC());
            setInt(st, 7, p.maxSingleExcursionMinutes());
            setInt(st, 8, p.maxTotalExcursionMinutes());
            st.setString(9, p.cnDrugId());
            setInt(st, 10, p.maxReadingGapMinutes());
            return st.executeUpdate();
        } catch (SQLException e) {
            if (RegistryConflict.UNIQUE_VIOLATION.equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).contains("cn_drug_id")) {
                throw new RegistryConflict("cnDrugId", "China drug identifier " + p.cnDrugId()
                        + " already belongs to another product");
            }
            throw e;
        }
    }

    private static RegistryConflict gtinTaken(NewProduct p) {
        return new RegistryConflict("gtin", "GTIN " + p.gtin() + " is already registered");
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long minutes(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(v);
    }

    private static void setDouble(PreparedStatement st, int i, Double v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.DOUBLE);
        } else {
            st.setDouble(i, v);
        }
    }

    private static void setInt(PreparedStatement st, int i, Integer v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setInt(i, v);
        }
    }
}
