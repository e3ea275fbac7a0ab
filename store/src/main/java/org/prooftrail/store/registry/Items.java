package org.prooftrail.store.registry;

import java.io.IOException;
import java.io.StringReader;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The one writer of {@code item}: issues a lot's items, changes an item's status, and reads them back
 * in serial order (pages, or a stream for labels).
 *
 * <p>Conflict rule: a serial (per GTIN) or a China drug code is issued once, for good. Randomly drawn
 * ones that collide with an issued one are drawn again ({@link #issue}); serials a caller chose itself
 * ({@link #add}, the demo) that are taken are a {@link RegistryConflict}.
 */
public final class Items {
    /** Each round leaves fewer rows to redraw; more than this means the code space is nearly full. */
    public static final int MAX_ROUNDS = 10;
    private static final String COLUMNS = "serial, digital_link, cn_code, status, dispensed_at";

    private final DataSource db;

    public Items(DataSource db) {
        this.db = db;
    }

    /**
     * Issues {@code count} items in bulk, in one transaction: {@code draw} gives n fresh candidates, which
     * are COPYed into a temporary table, then inserted with ON CONFLICT DO NOTHING. Rows that collided with
     * an existing serial or code are simply missing from what the insert returns, so new ones are drawn for
     * exactly that many, until all are issued. China codes have only 9 random digits, so collisions there
     * do happen in large lots; serials (80 bits) practically never collide.
     *
     * @throws RegistryConflict (field {@code serial}) when {@link #MAX_ROUNDS} rounds left some undrawn,
     *         (field {@code lot}) when the lot or its product is retired
     */
    public List<Item> issue(Lot lot, int count, IntFunction<List<NewItem>> draw) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                refuseRetired(c, lot);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TEMP TABLE pt_item_new (serial text, digital_link text, cn_code text) ON COMMIT DROP");
                }
                List<Item> issued = new ArrayList<>(count);
                for (int round = 1; issued.size() < count; round++) {
                    if (round > MAX_ROUNDS) {
                        throw new RegistryConflict("serial", "could not draw " + (count - issued.size())
                                + " unused codes in " + MAX_ROUNDS + " rounds; the code space is nearly full");
                    }
                    stage(c, draw.apply(count - issued.size()));
                    insertStaged(c, lot, issued);
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

    /**
     * Share-locks the lot and its product, so a retirement committing meanwhile waits for this issue to end
     * (the items' foreign key alone takes a lock that a non-key update does not wait for).
     */
    private static void refuseRetired(Connection c, Lot lot) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT l.retired_at, p.retired_at FROM lot l JOIN product p "
                + "ON p.gtin = l.gtin WHERE l.gtin = ? AND l.lot = ? FOR SHARE OF l, p")) {
            st.setString(1, lot.gtin());
            st.setString(2, lot.lot());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return; // the foreign key refuses the insert with its own message
                }
                Timestamp lotRetired = rs.getTimestamp(1);
                Timestamp productRetired = rs.getTimestamp(2);
                if (lotRetired != null) {
                    throw new RegistryConflict("lot", "lot '" + lot.lot() + "' of GTIN " + lot.gtin() + " was retired on "
                            + lotRetired.toInstant() + "; a retired lot takes no new items");
                }
                if (productRetired != null) {
                    throw new RegistryConflict("lot", "product " + lot.gtin() + " was retired on "
                            + productRetired.toInstant() + "; its lots take no new items");
                }
            }
        }
    }

    private static void stage(Connection c, List<NewItem> candidates) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE pt_item_new");
        }
        StringBuilder csv = new StringBuilder(candidates.size() * 120);
        for (NewItem i : candidates) {
            csv.append(csvField(i.serial())).append(',').append(csvField(i.digitalLink())).append(',');
            if (i.cnCode() != null) {
                csv.append(csvField(i.cnCode()));
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

    private static void insertStaged(Connection c, Lot lot, List<Item> into) throws SQLException {
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

    /** COPY's CSV format: GS1 set 82 allows commas and quotes in lots, hence in Digital Links. */
    static String csvField(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** Issues items whose serials the caller chose, all or none; a taken serial or code is a conflict. */
    public void add(Lot lot, List<NewItem> items) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO item (gtin, serial, lot, digital_link, cn_code) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                for (NewItem i : items) {
                    st.setString(1, lot.gtin());
                    st.setString(2, i.serial());
                    st.setString(3, lot.lot());
                    st.setString(4, i.digitalLink());
                    st.setString(5, i.cnCode());
                    st.addBatch();
                }
                st.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                SQLException cause = e instanceof BatchUpdateException b && b.getNextException() != null
                        ? b.getNextException() : e;
                if (RegistryConflict.UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                    throw new RegistryConflict("serial", "an item of lot '" + lot.lot() + "' of GTIN " + lot.gtin()
                            + " has a serial or China code that is already issued: " + cause.getMessage());
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Up to {@code limit} items after serial {@code after} (null: from the start). */
    public List<Item> page(Lot lot, String after, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM item "
                     + "WHERE gtin = ? AND lot = ? AND serial > ? ORDER BY serial LIMIT ?")) {
            st.setString(1, lot.gtin());
            st.setString(2, lot.lot());
            st.setString(3, after == null ? "" : after);
            st.setInt(4, limit);
            List<Item> items = new ArrayList<>(Math.min(limit, 10_000));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            return items;
        }
    }

    /** What a consumer does with each item; may fail with an I/O error (a client that went away). */
    public interface ItemSink {
        void accept(Item item) throws Exception;
    }

    /** Every item of a lot in serial order, fetched in slices so a 100,000-item lot is never all in memory. */
    public void forEach(Lot lot, ItemSink sink) throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false); // pgjdbc uses a cursor (fetch size) only inside a transaction
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM item "
                    + "WHERE gtin = ? AND lot = ? ORDER BY serial")) {
                st.setFetchSize(1000);
                st.setString(1, lot.gtin());
                st.setString(2, lot.lot());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(item(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    public long count(Lot lot) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM item WHERE gtin = ? AND lot = ?")) {
            st.setString(1, lot.gtin());
            st.setString(2, lot.lot());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Sets the status of an item, if it exists. Dispensing records the first time it happened (later scans
     * are suspicious from then on); back to active clears it, as that undoes a mistaken dispensing.
     */
    public Optional<Item> setStatus(String gtin, String serial, String status) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE item SET status = ?, dispensed_at = CASE ? "
                     + "WHEN 'dispensed' THEN coalesce(dispensed_at, now()) WHEN 'active' THEN NULL ELSE dispensed_at END "
                     + "WHERE gtin = ? AND serial = ? RETURNING " + COLUMNS)) {
            st.setString(1, status);
            st.setString(2, status);
            st.setString(3, gtin);
            st.setString(4, serial);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        }
    }

    private static Item item(ResultSet rs) throws SQLException {
        Timestamp dispensed = rs.getTimestamp(5);
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                dispensed == null ? null : dispensed.toInstant());
    }
}
