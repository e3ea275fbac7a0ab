package org.prooftrail.store.journey;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.store.scans.StoredScans;

/**
 * What a public lookup reads first, in one statement: the code (item, lot or product), the product
 * with its maker and cold-chain rule, the lot, the code's scan summary as written, the id of the
 * latest stored chunk (every envelope, hence every event and reading, comes in one: it changes when
 * any new data is stored), for an item its sale to a patient (the NHSA one-sale record, a LEFT JOIN:
 * no statement of its own), for a lot, the first items it follows, and the lot's commitment-compliance
 * certificates (its own and its inputs').
 */
public final class CodeIdentity {
    /** Items of a lot whose codes a lot's journey follows (see the provenance service). */
    public static final int LOT_ITEMS = 200;

    private static final String PRODUCT = "p.gtin, p.name, p.category, p.org_id, o.name, p.temp_min_c, p.temp_max_c, "
            + "EXTRACT(EPOCH FROM p.max_single_excursion), EXTRACT(EPOCH FROM p.max_total_excursion), p.cn_drug_id, "
            + "EXTRACT(EPOCH FROM p.max_reading_gap)";
    private static final String LOT = "l.gtin, l.lot, l.produced_at, l.expires_on";
    private static final String ITEM = "i.gtin, i.serial, i.lot, i.digital_link, i.cn_code, i.status, i.dispensed_at";
    private static final String VERSION = "(SELECT max(id) FROM chunk)";
    private static final String NO_ITEMS = "NULL::text[], NULL::text[]";
    private static final String SALE = "d.sold_at, d.org_id, dorg.name, d.location";
    private static final String NO_SALE = "NULL::timestamptz, NULL::text, NULL::text, NULL::text";
    /** Lots followed back through lot_input: a mixed lot's inputs' inputs' ... certificates. */
    static final int CERTIFICATE_DEPTH = 16;
    /**
     * The certificates of lot {@code l} and of every lot it was made from, as one JSON array: a
     * recursive walk over lot_input's primary key (a handful of index probes for a pack), inside this
     * statement so that a lookup sends no statement more for them. UNION (not ALL) and the depth bound
     * end a walk that a cycle of mislabelled events would make endless.
     */
    private static final String CERTIFICATES = "(WITH RECURSIVE up(gtin, lot, depth) AS (SELECT l.gtin, l.lot, 0 "
            + "UNION SELECT i.input_gtin, i.input_lot, u.depth + 1 FROM up u JOIN lot_input i ON i.gtin = u.gtin AND i.lot = u.lot "
            + "WHERE u.depth < " + CERTIFICATE_DEPTH + ") SELECT jsonb_agg(jsonb_build_object('id', pc.id, 'gtin', pc.gtin, "
            + "'lot', pc.lot, 'content', pc.content) ORDER BY pc.issued_on, pc.id) FROM produce_certificate pc "
            + "WHERE (pc.gtin, pc.lot) IN (SELECT gtin, lot FROM up))::text";
    static final String ITEM_SQL = "SELECT " + PRODUCT + ", " + LOT + ", " + ITEM + ", " + StoredScans.COLUMNS + ", "
            + VERSION + ", " + NO_ITEMS + ", " + CERTIFICATES + ", " + SALE + " FROM item i JOIN lot l ON l.gtin = i.gtin AND l.lot = i.lot "
            + "JOIN product p ON p.gtin = i.gtin JOIN organisation o ON o.id = p.org_id "
            + "LEFT JOIN scan_summary ss ON ss.gtin = i.gtin AND ss.serial = i.serial AND ss.lot = '' "
            + "LEFT JOIN dispensing d ON d.gtin = i.gtin AND d.serial = i.serial "
            + "LEFT JOIN organisation dorg ON dorg.id = d.org_id WHERE ";
    // A lot or a product: the product row is there whenever the GTIN is registered, the lot may not be.
    private static final String LOT_SQL = "SELECT " + PRODUCT + ", " + LOT + ", " + ITEM.replaceAll("i\\.[a-z_]+", "NULL")
            + ", " + StoredScans.COLUMNS + ", " + VERSION + ", "
            + "ARRAY(SELECT serial FROM item WHERE gtin = l.gtin AND lot = l.lot ORDER BY created_at, serial LIMIT " + LOT_ITEMS + "), "
            + "ARRAY(SELECT digital_link FROM item WHERE gtin = l.gtin AND lot = l.lot ORDER BY created_at, serial LIMIT " + LOT_ITEMS + "), "
            + CERTIFICATES + ", " + NO_SALE + " FROM product p JOIN organisation o ON o.id = p.org_id LEFT JOIN lot l ON l.gtin = p.gtin AND l.lot = ? "
            + "LEFT JOIN scan_summary ss ON ss.gtin = p.gtin AND ss.serial = '' AND ss.lot = coalesce(?, '') WHERE p.gtin = ?";

    /**
     * @param lot      null for a product
     * @param item     null for a lot or product
     * @param lotItems for a lot: its first {@link #LOT_ITEMS} items in registration order
     * @param version  the latest stored chunk's id (0 when none): any stored envelope changes it
     */
    public record Identity(Product product, Lot lot, Item item, StoredScans scans, long version,
                           List<RegisteredCodes.ItemCode> lotItems) {
    }

    // Many lots at once (a page of the excursion report), in the order asked; a lot not found is left out.
    private static final String LOTS_SQL = "SELECT " + PRODUCT + ", " + LOT + ", " + ITEM.replaceAll("i\\.[a-z_]+", "NULL")
            + ", NULL::bigint, NULL::timestamptz, NULL::text[], NULL::bigint, 0::bigint, "
            + "ARRAY(SELECT serial FROM item WHERE gtin = l.gtin AND lot = l.lot ORDER BY created_at, serial LIMIT " + LOT_ITEMS + "), "
            + "ARRAY(SELECT digital_link FROM item WHERE gtin = l.gtin AND lot = l.lot ORDER BY created_at, serial LIMIT " + LOT_ITEMS + "), "
            + "NULL::text, " + NO_SALE + " FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS k(gtin, lot, n) JOIN lot l ON l.gtin = k.gtin AND l.lot = k.lot "
            + "JOIN product p ON p.gtin = l.gtin JOIN organisation o ON o.id = p.org_id ORDER BY k.n";

    private CodeIdentity() {
    }

    /** Lots with their products and followed items, in one statement, in the order asked (unknown ones left out). */
    public static List<Identity> lots(Connection c, List<ColdChainLots.LotCode> lots) throws SQLException {
        List<Identity> out = new ArrayList<>();
        if (lots.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement(LOTS_SQL)) {
            st.setArray(1, c.createArrayOf("text", lots.stream().map(ColdChainLots.LotCode::gtin).toArray()));
            st.setArray(2, c.createArrayOf("text", lots.stream().map(ColdChainLots.LotCode::lot).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(identity(rs));
                }
            }
        }
        return out;
    }

    public static Optional<Identity> item(Connection c, String gtin, String serial) throws SQLException {
        return one(c, ITEM_SQL + "i.gtin = ? AND i.serial = ?", gtin, serial);
    }

    public static Optional<Identity> itemByChinaCode(Connection c, String code) throws SQLException {
        return one(c, ITEM_SQL + "i.cn_code = ?", code);
    }

    /** Empty when the product is unknown; {@link Identity#lot()} null when the product has no such lot. */
    public static Optional<Identity> lot(Connection c, String gtin, String lot) throws SQLException {
        return one(c, LOT_SQL, lot, lot, gtin);
    }

    /** Empty when the product is unknown. */
    public static Optional<Identity> product(Connection c, String gtin) throws SQLException {
        return one(c, LOT_SQL, null, null, gtin);
    }

    private static Optional<Identity> one(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(identity(rs)) : Optional.empty();
            }
        }
    }

    static Identity identity(ResultSet rs) throws SQLException {
        ColdChainRule rule = new ColdChainRule(Columns.dbl(rs, 6), Columns.dbl(rs, 7), Columns.seconds(rs, 8), Columns.seconds(rs, 9), Columns.seconds(rs, 11));
        Product p = new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rule, rs.getString(10));
        Lot l = null;
        if (rs.getString(13) != null) {
            java.sql.Date exp = rs.getDate(15);
            l = new Lot(rs.getString(12), rs.getString(13), Columns.instant(rs.getTimestamp(14)),
                    exp == null ? null : exp.toLocalDate(), LotCertificates.parse(rs.getString(30)));
        }
        Item item = null;
        if (rs.getString(17) != null) {
            Dispensing sale = rs.getTimestamp(31) == null ? null
                    : new Dispensing(rs.getTimestamp(31).toInstant(), rs.getString(32), rs.getString(33), rs.getString(34));
            item = Item.withSale(new Item(rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20),
                    rs.getString(21), Columns.instant(rs.getTimestamp(22))), sale);
        }
        StoredScans scans = StoredScans.NONE;
        long lookups = rs.getLong(23);
        if (!rs.wasNull()) {
            scans = new StoredScans(lookups, Columns.instant(rs.getTimestamp(24)),
                    new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(25).getArray())), rs.getLong(26));
        }
        long version = rs.getLong(27);
        List<RegisteredCodes.ItemCode> items = new ArrayList<>();
        Array serials = rs.getArray(28);
        if (serials != null) {
            String[] s = (String[]) serials.getArray();
            String[] links = (String[]) rs.getArray(29).getArray();
            for (int i = 0; i < s.length; i++) {
                items.add(new RegisteredCodes.ItemCode(s[i], links[i]));
            }
        }
        return new Identity(p, l, item, scans, version, List.copyOf(items));
    }
}
