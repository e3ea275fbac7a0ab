package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.coldchain.ColdChainRule;

/**
 * Finds registered products, lots and items by their codes (GTIN, GTIN and lot, GTIN and serial,
 * China drug code): what a public lookup reads first. The product comes with its maker's name and
 * its cold-chain rule.
 */
public final class RegisteredCodes {
    /** An item's serial and the Digital Link it was issued with. */
    public record ItemCode(String serial, String digitalLink) {
    }

    private RegisteredCodes() {
    }

    public static Optional<Product> product(Connection c, String gtin) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT p.gtin, p.name, p.category, p.org_id, o.name, p.temp_min_c, "
                + "p.temp_max_c, EXTRACT(EPOCH FROM p.max_single_excursion), EXTRACT(EPOCH FROM p.max_total_excursion), "
                + "p.cn_drug_id, EXTRACT(EPOCH FROM p.max_reading_gap) FROM product p JOIN organisation o ON o.id = p.org_id WHERE p.gtin = ?")) {
            st.setString(1, gtin);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ColdChainRule rule = new ColdChainRule(Columns.dbl(rs, 6), Columns.dbl(rs, 7), Columns.seconds(rs, 8), Columns.seconds(rs, 9),
                        Columns.seconds(rs, 11));
                return Optional.of(new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rule, rs.getString(10)));
            }
        }
    }

    public static Optional<Lot> lot(Connection c, String gtin, String lot) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT gtin, lot, produced_at, expires_on FROM lot WHERE gtin = ? AND lot = ?")) {
            st.setString(1, gtin);
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.sql.Date exp = rs.getDate(4);
                return Optional.of(new Lot(rs.getString(1), rs.getString(2), Columns.instant(rs.getTimestamp(3)),
                        exp == null ? null : exp.toLocalDate()));
            }
        }
    }

    public static Optional<Item> item(Connection c, String gtin, String serial) throws SQLException {
        return find(c, "i.gtin = ? AND i.serial = ?", gtin, serial);
    }

    public static Optional<Item> itemByChinaCode(Connection c, String code) throws SQLException {
        return find(c, "i.cn_code = ?", code);
    }

    /** The lot's first {@code limit} items in the order they were registered. */
    public static List<ItemCode> itemsOfLot(Connection c, String gtin, String lot, int limit) throws SQLException {
        List<ItemCode> items = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT serial, digital_link FROM item WHERE gtin = ? AND lot = ? "
                + "ORDER BY created_at, serial LIMIT " + limit)) {
            st.setString(1, gtin);
            st.setString(2, lot);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(new ItemCode(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return items;
    }

    private static Optional<Item> find(Connection c, String where, String... args) throws SQLException {
        // with its sale, as CodeIdentity reads it: the evidence document and the page must end custody alike
        try (PreparedStatement st = c.prepareStatement("SELECT i.gtin, i.serial, i.lot, i.digital_link, i.cn_code, i.status, "
                + "i.dispensed_at, d.sold_at, d.org_id, o.name, d.location FROM item i "
                + "LEFT JOIN dispensing d ON d.gtin = i.gtin AND d.serial = i.serial LEFT JOIN organisation o ON o.id = d.org_id "
                + "WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Dispensing sale = rs.getTimestamp(8) == null ? null
                        : new Dispensing(rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10), rs.getString(11));
                return Optional.of(Item.withSale(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Columns.instant(rs.getTimestamp(7))), sale));
            }
        }
    }
}
