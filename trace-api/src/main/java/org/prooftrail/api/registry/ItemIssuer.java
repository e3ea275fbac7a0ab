package org.prooftrail.api.registry;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.identifiers.ItemSerial;
import org.prooftrail.store.Database;

/**
 * Issues items in bulk: random serials (and China codes) are COPYed into a temporary table, then
 * inserted with ON CONFLICT DO NOTHING. Rows that collided with an existing serial or code are
 * simply missing from what the insert returns, so new ones are drawn for exactly that many, until
 * all are issued, in one transaction. China codes have only 9 random digits, so collisions there do
 * happen in large lots; serials (80 bits) practically never collide.
 */
public final class ItemIssuer {
    /** Each round leaves fewer rows to redraw; more than this means the code space is nearly full. */
    static final int MAX_ROUNDS = 10;

    private final Database db;
    private final ItemSerial serials;
    private final String resolverBase;

    public ItemIssuer(Database db, ItemSerial serials, String resolverBase) {
        this.db = db;
        this.serials = serials;
        this.resolverBase = resolverBase;
    }

    /** @param cnDrugId the product's China drug identifier when codes are wanted, else null */
    public List<Item> issue(LotRef lot, int count, String cnDrugId) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE pt_item_new (serial text, digital_link text, cn_code text) ON COMMIT DROP");
                }
                List<Item> issued = new ArrayList<>(count);
                for (int round = 1; issued.size() < count; round++) {
                    if (round > MAX_ROUNDS) {
                        throw new Refusal(409, cnDrugId == null ? "count" : "chinaDrugCodes", "could not draw "
                                + (count - issued.size()) + " unused codes in " + MAX_ROUNDS + " rounds; the code space is nearly full");
                    }
                    stage(c, lot, count - issued.size(), cnDrugId);
                    insert(c, lot, issued);
                }
                c.commit();
                return issued;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void stage(Connection c, LotRef lot, int n, String cnDrugId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE pt_item_new");
        }
        Gtin gtin = new Gtin(lot.gtin());
        StringBuilder csv = new StringBuilder(n * 120);
        for (int i = 0; i < n; i++) {
            String serial = serials.next();
            csv.append(serial).append(',')
                    .append(ItemCsv.field(new DigitalLink(gtin, lot.lot(), serial).uri(resolverBase))).append(',');
            if (cnDrugId != null) {
                csv.append(ChinaDrugCode.issue(cnDrugId).value());
            }
            csv.append('\n');
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY pt_item_new FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of new items failed: " + e.getMessage(), "08000", e);
        }
    }

    private static void insert(Connection c, LotRef lot, List<Item> into) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO item (gtin, serial, lot, digital_link, cn_code) "
                + "SELECT ?, serial, ?, digital_link, cn_code FROM pt_item_new ON CONFLICT DO NOTHING "
                + "RETURNING serial, digital_link, cn_code")) {
            st.setString(1, lot.gtin());
            st.setString(2, lot.lot());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    into.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), "active", null));
                }
            }
        }
    }
}
