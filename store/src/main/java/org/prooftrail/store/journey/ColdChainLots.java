package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Lots whose product has a temperature band, newest first: the lots an excursion report examines. */
public final class ColdChainLots {
    /** A lot by its codes. */
    public record LotCode(String gtin, String lot) {
    }

    private ColdChainLots() {
    }

    /**
     * @param gtin  only this product's lots; null for every product
     * @param org   only this organisation's lots; null for every organisation
     * @param limit at most this many
     */
    public static List<LotCode> newestFirst(Connection c, String gtin, String org, int limit) throws SQLException {
        List<LotCode> lots = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT l.gtin, l.lot FROM lot l JOIN product p ON p.gtin = l.gtin "
                + "WHERE (?::text IS NULL OR l.gtin = ?) AND (?::text IS NULL OR l.org_id = ?) "
                + "AND (p.temp_min_c IS NOT NULL OR p.temp_max_c IS NOT NULL) ORDER BY l.created_at DESC, l.gtin, l.lot LIMIT ?")) {
            st.setString(1, gtin);
            st.setString(2, gtin);
            st.setString(3, org);
            st.setString(4, org);
            st.setInt(5, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lots.add(new LotCode(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return lots;
    }
}
