package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An item with the other items of its lot, each as {@link CodeIdentity} reads one (product, lot, item,
 * scan summary, version), in one statement: a lookup that misses the resolver's journeys in memory
 * assembles the whole lot at once, since goods of a lot travel together and their journeys share
 * custody windows, readings and verdicts. At most {@link #MAX} items: the asked one and those after it
 * by serial, then those before, so that a lot of any size is taken in slices around what is asked.
 */
public final class LotItems {
    public static final int MAX = 200;
    private static final String ORDER = " ORDER BY i.serial >= ? DESC, i.serial LIMIT " + MAX;
    private static final String BY_SERIAL = CodeIdentity.ITEM_SQL
            + "i.gtin = ? AND i.lot = (SELECT lot FROM item WHERE gtin = ? AND serial = ?)" + ORDER;
    private static final String BY_CHINA_CODE = CodeIdentity.ITEM_SQL
            + "(i.gtin, i.lot) = (SELECT gtin, lot FROM item WHERE cn_code = ?)"
            + " ORDER BY i.serial >= (SELECT serial FROM item WHERE cn_code = ?) DESC, i.serial LIMIT " + MAX;

    private LotItems() {
    }

    /** The item first, then others of its lot; empty when no such item is registered. */
    public static List<CodeIdentity.Identity> around(Connection c, String gtin, String serial) throws SQLException {
        return read(c, BY_SERIAL, gtin, gtin, serial, serial);
    }

    /** The item with this China drug code first, then others of its lot; empty when none has it. */
    public static List<CodeIdentity.Identity> aroundChinaCode(Connection c, String code) throws SQLException {
        return read(c, BY_CHINA_CODE, code, code);
    }

    private static List<CodeIdentity.Identity> read(Connection c, String sql, String... args) throws SQLException {
        List<CodeIdentity.Identity> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(CodeIdentity.identity(rs));
                }
            }
        }
        return out;
    }
}
