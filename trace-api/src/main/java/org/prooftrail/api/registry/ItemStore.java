package org.prooftrail.api.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.store.Database;

/** Reads a lot's items in serial order (pages, or a stream for labels) and changes an item's status. */
public final class ItemStore {
    private static final String COLUMNS = "serial, digital_link, cn_code, status, dispensed_at";

    private final Database db;

    public ItemStore(Database db) {
        this.db = db;
    }

    /** Up to {@code limit} items after serial {@code after} (null: from the start). */
    public List<Item> page(LotRef lot, String after, int limit) throws SQLException {
        try (Connection c = db.connection();
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
    public void forEach(LotRef lot, ItemSink sink) throws Exception {
        try (Connection c = db.connection()) {
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

    public long count(LotRef lot) throws SQLException {
        try (Connection c = db.connection();
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
     * Sets the status. Dispensing records the first time it happened (later scans are suspicious
     * from then on); back to active clears it, as that undoes a mistaken dispensing.
     */
    public Item setStatus(String gtin, String serial, String status) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE item SET status = ?, dispensed_at = CASE ? "
                     + "WHEN 'dispensed' THEN coalesce(dispensed_at, now()) WHEN 'active' THEN NULL ELSE dispensed_at END "
                     + "WHERE gtin = ? AND serial = ? RETURNING " + COLUMNS)) {
            st.setString(1, status);
            st.setString(2, status);
            st.setString(3, gtin);
            st.setString(4, serial);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw Refusal.notFound("no item with serial '" + serial + "' of GTIN " + gtin);
                }
                return item(rs);
            }
        }
    }

    private static Item item(ResultSet rs) throws SQLException {
        Timestamp dispensed = rs.getTimestamp(5);
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                dispensed == null ? null : dispensed.toInstant());
    }
}
