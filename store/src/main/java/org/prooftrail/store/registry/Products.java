package org.prooftrail.store.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
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
 * {@link #update} renames, changes the rule (until items are issued) and retires; nothing is deleted.
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
        try (Connection c = db.getConnection()) {
            return details(c, gtin, false);
        }
    }

    /** @param lock whether to lock the row for an update in the same transaction */
    private static Optional<ProductDetails> details(Connection c, String gtin, boolean lock) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT org_id, name, category, temp_min_c, temp_max_c, "
                + "extract(epoch FROM max_single_excursion) / 60, extract(epoch FROM max_total_excursion) / 60, "
                + "cn_drug_id, created_at, extract(epoch FROM max_reading_gap) / 60, retired_at FROM product WHERE gtin = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ProductDetails(gtin, rs.getString(1), rs.getString(2), rs.getString(3),
                        number(rs, 4), number(rs, 5), minutes(rs, 6), minutes(rs, 7), minutes(rs, 10), rs.getString(8),
                        rs.getTimestamp(9).toInstant(), instant(rs, 11)));
            }
        }
    }

    /**
     * One page of products in GTIN order, with their lot counts.
     *
     * @param org the owner, or null for every organisation's
     * @param after the last GTIN of the previous page, or null for the first
     */
    public List<ProductSummary> list(String org, String after, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT p.gtin, p.org_id, p.name, p.category, p.cn_drug_id, "
                     + "p.created_at, p.retired_at, (SELECT count(*) FROM lot l WHERE l.gtin = p.gtin) FROM product p "
                     + "WHERE (?::text IS NULL OR p.org_id = ?) AND (?::text IS NULL OR p.gtin > ?) "
                     + "ORDER BY p.gtin LIMIT ?")) {
            st.setString(1, org);
            st.setString(2, org);
            st.setString(3, after);
            st.setString(4, after);
            st.setInt(5, limit);
            List<ProductSummary> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProductSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs, 7), rs.getLong(8)));
                }
            }
            return out;
        }
    }

    /**
     * Renames, changes the rule of, retires or reinstates a product. The rule may change only while no item
     * of the product is issued: verdicts already shown for its packs were judged by it, and a rule changed
     * afterwards would rewrite them (a looser band could turn a failed shipment into a passed one).
     * Retiring keeps the first time; reinstating clears it.
     *
     * @return false when no product has the GTIN
     * @throws RegistryConflict (field {@code tempMinC}) when the rule would change under issued items
     */
    public boolean update(String gtin, ProductEdit edit) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<ProductDetails> now = details(c, gtin, true);
                if (now.isEmpty()) {
                    c.rollback();
                    return false;
                }
                if (!now.get().rule().equals(edit.rule()) && hasItems(c, gtin)) {
                    throw new RegistryConflict("tempMinC", "the cold-chain rule of GTIN " + gtin + " cannot change: "
                            + "items are issued and their verdicts were judged by it; register a new product for a new rule");
                }
                try (PreparedStatement st = c.prepareStatement("UPDATE product SET name = ?, temp_min_c = ?, temp_max_c = ?, "
                        + "max_single_excursion = make_interval(mins => ?), max_total_excursion = make_interval(mins => ?), "
                        + "max_reading_gap = make_interval(mins => ?), "
                        + "retired_at = CASE WHEN ? THEN coalesce(retired_at, now()) END WHERE gtin = ?")) {
                    st.setString(1, edit.name());
                    setDouble(st, 2, edit.tempMinC());
                    setDouble(st, 3, edit.tempMaxC());
                    setInt(st, 4, edit.maxSingleExcursionMinutes());
                    setInt(st, 5, edit.maxTotalExcursionMinutes());
                    setInt(st, 6, edit.maxReadingGapMinutes());
                    st.setBoolean(7, edit.retired());
                    st.setString(8, gtin);
                    st.executeUpdate();
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean hasItems(Connection c, String gtin) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM item WHERE gtin = ?)")) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
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

    private static java.time.Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
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
