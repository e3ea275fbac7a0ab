package org.prooftrail.store.scans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Counts public lookups (table {@code scan}, migration V8; this is its only writer): the time and a
 * coarse region from a CDN header ({@code CF-IPCountry}, else {@code X-Region}), never an IP address
 * or anything else about the person. Codes looked up after dispensing or from many regions are flagged.
 */
public final class ScanLog {
    private final int regionThreshold;

    /** @param regionThreshold distinct regions from which lookups of one code become suspicious */
    public ScanLog(int regionThreshold) {
        this.regionThreshold = regionThreshold;
    }

    /** Records one lookup and sums up the code's lookups. Lot and serial are "" for product and lot lookups. */
    public ScanSummary record(Connection c, String gtin, String lot, String serial, String region, Instant dispensedAt)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO scan (gtin, lot, serial, region) VALUES (?, ?, ?, ?)")) {
            st.setString(1, gtin);
            st.setString(2, lot);
            st.setString(3, serial);
            st.setString(4, region);
            st.executeUpdate();
        }
        // An item is one code whatever lot is written in the URL; a lot or product is counted as itself.
        String sql = "SELECT count(*), min(scanned_at), count(DISTINCT region) FILTER (WHERE region <> 'unknown'), "
                + "count(*) FILTER (WHERE scanned_at > coalesce(?::timestamptz, 'infinity')) FROM scan WHERE gtin = ? AND serial = ?"
                + (serial.isEmpty() ? " AND lot = ?" : "");
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setTimestamp(1, dispensedAt == null ? null : Timestamp.from(dispensedAt));
            st.setString(2, gtin);
            st.setString(3, serial);
            if (serial.isEmpty()) {
                st.setString(4, lot);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long regions = rs.getLong(3);
                return new ScanSummary(rs.getLong(1), rs.getTimestamp(2).toInstant(), regions,
                        dispensedAt == null ? 0 : rs.getLong(4), regions >= regionThreshold);
            }
        }
    }
}
