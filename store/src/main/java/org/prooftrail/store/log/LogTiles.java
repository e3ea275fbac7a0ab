package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The log's stored tiles (C2SP tlog-tiles layout), the one reader and writer of {@code log_tile}: row
 * (level, idx) holds the hashes of tree level {@code 8 * level} from {@code idx * 256} on, packed end
 * to end, 256 of them once full. The row at the log's right edge grows in place as the log does (a
 * partial tile is a prefix of the full one), in the transaction that gives the leaves their indexes;
 * a full row never changes again.
 */
public final class LogTiles {
    private LogTiles() {
    }

    /** The stored hashes of one tile (full, or the partial one at the right edge), or null. */
    public static byte[] read(Connection c, int level, long index) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT hashes FROM log_tile WHERE level = ? AND idx = ?")) {
            st.setInt(1, level);
            st.setLong(2, index);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** How many leaves the level-0 tiles hold: the size of the log the tiles describe. */
    public static long size(Connection c, int hashSize) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT idx, octet_length(hashes) FROM log_tile WHERE level = 0 ORDER BY idx DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getLong(1) * 256 + rs.getInt(2) / hashSize : 0;
        }
    }

    /**
     * Appends {@code hashes} to tile (level, index) at hash position {@code offset}: a new row when the
     * offset is 0, else an extension of a row exactly {@code offset} hashes long.
     *
     * @throws SQLException when the stored tile does not end where the log says it should: tiles and log disagree
     */
    public static void append(Connection c, int level, long index, int offset, byte[] hashes, int hashSize) throws SQLException {
        String sql = offset == 0
                ? "INSERT INTO log_tile (level, idx, hashes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                : "UPDATE log_tile SET hashes = hashes || ? WHERE level = ? AND idx = ? AND octet_length(hashes) = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (offset == 0) {
                st.setInt(1, level);
                st.setLong(2, index);
                st.setBytes(3, hashes);
            } else {
                st.setBytes(1, hashes);
                st.setInt(2, level);
                st.setLong(3, index);
                st.setInt(4, offset * hashSize);
            }
            if (st.executeUpdate() != 1) {
                throw new SQLException("tile " + level + "/" + index + " does not end at hash " + offset
                        + " as the log expects: the stored tiles and the log disagree");
            }
        }
    }
}
