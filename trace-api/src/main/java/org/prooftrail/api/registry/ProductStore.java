package org.prooftrail.api.registry;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import org.prooftrail.store.Database;

/** Products and lots in SQL. Inserts refuse duplicates with a 409 naming the clashing field. */
public final class ProductStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    public ProductStore(Database db) {
        this.db = db;
    }

    /** The product's owner and drug identifier; refuses 404 when the GTIN is not registered. */
    public Product product(String gtin) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT org_id, cn_drug_id FROM product WHERE gtin = ?")) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no product with GTIN " + gtin + "; register it with POST /v1/products");
                }
                return new Product(gtin, rs.getString(1), rs.getString(2));
            }
        }
    }

    /** A lot's expiry (may be null); refuses 404 when the lot is not registered. */
    public LotRef lot(Product p, String lot) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT expires_on FROM lot WHERE gtin = ? AND lot = ?")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no lot '" + lot + "' of GTIN " + p.gtin()
                            + "; register it with POST /v1/products/" + p.gtin() + "/lots");
                }
                Date expires = rs.getDate(1);
                return new LotRef(p, lot, expires == null ? null : expires.toLocalDate());
            }
        }
    }

    /** @param body the validated request, with the GTIN already padded to 14 digits */
    public void insertProduct(String org, JsonObject body) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO product (gtin, org_id, name, category, temp_min_c, "
                     + "temp_max_c, max_single_excursion, max_total_excursion, cn_drug_id) "
                     + "VALUES (?, ?, ?, ?, ?, ?, make_interval(mins => ?), make_interval(mins => ?), ?)")) {
            st.setString(1, body.getString("gtin"));
            st.setString(2, org);
            st.setString(3, body.getString("name"));
            st.setString(4, body.getString("category", "drug"));
            setDouble(st, 5, body.getDouble("tempMinC"));
            setDouble(st, 6, body.getDouble("tempMaxC"));
            setInt(st, 7, body.getInteger("maxSingleExcursionMinutes"));
            setInt(st, 8, body.getInteger("maxTotalExcursionMinutes"));
            st.setString(9, body.getString("cnDrugId"));
            st.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                boolean drugId = String.valueOf(e.getMessage()).contains("cn_drug_id");
                throw drugId ? Refusal.conflict("cnDrugId", "China drug identifier " + body.getString("cnDrugId")
                        + " already belongs to another product")
                        : Refusal.conflict("gtin", "GTIN " + body.getString("gtin") + " is already registered");
            }
            throw e;
        }
    }

    public JsonObject productJson(String gtin) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT org_id, name, category, temp_min_c, temp_max_c, "
                     + "extract(epoch FROM max_single_excursion) / 60, extract(epoch FROM max_total_excursion) / 60, "
                     + "cn_drug_id, created_at FROM product WHERE gtin = ?")) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no product with GTIN " + gtin);
                }
                JsonObject o = new JsonObject().put("gtin", gtin).put("org", rs.getString(1))
                        .put("name", rs.getString(2)).put("category", rs.getString(3));
                putNumber(o, "tempMinC", rs, 4, false);
                putNumber(o, "tempMaxC", rs, 5, false);
                putNumber(o, "maxSingleExcursionMinutes", rs, 6, true);
                putNumber(o, "maxTotalExcursionMinutes", rs, 7, true);
                if (rs.getString(8) != null) {
                    o.put("cnDrugId", rs.getString(8));
                }
                return o.put("createdAt", rs.getTimestamp(9).toInstant().toString());
            }
        }
    }

    public void insertLot(Product p, String lot, Instant producedAt, LocalDate expiresOn) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO lot (gtin, lot, org_id, produced_at, expires_on) "
                     + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            st.setString(3, p.org());
            st.setTimestamp(4, producedAt == null ? null : Timestamp.from(producedAt));
            st.setDate(5, expiresOn == null ? null : Date.valueOf(expiresOn));
            if (st.executeUpdate() == 0) {
                throw Refusal.conflict("lot", "lot '" + lot + "' of GTIN " + p.gtin() + " is already registered");
            }
        }
    }

    public JsonObject lotJson(Product p, String lot) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT l.produced_at, l.expires_on, l.created_at, "
                     + "(SELECT count(*) FROM item i WHERE i.gtin = l.gtin AND i.lot = l.lot) "
                     + "FROM lot l WHERE l.gtin = ? AND l.lot = ?")) {
            st.setString(1, p.gtin());
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no lot '" + lot + "' of GTIN " + p.gtin());
                }
                JsonObject o = new JsonObject().put("gtin", p.gtin()).put("lot", lot).put("org", p.org());
                if (rs.getTimestamp(1) != null) {
                    o.put("producedAt", rs.getTimestamp(1).toInstant().toString());
                }
                if (rs.getDate(2) != null) {
                    o.put("expiresOn", rs.getDate(2).toLocalDate().toString());
                }
                return o.put("createdAt", rs.getTimestamp(3).toInstant().toString()).put("itemCount", rs.getLong(4));
            }
        }
    }

    private static void putNumber(JsonObject o, String name, ResultSet rs, int column, boolean whole) throws SQLException {
        double v = rs.getDouble(column);
        if (!rs.wasNull()) {
            o.put(name, whole ? (Object) Math.round(v) : (Object) v);
        }
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
