package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Envelopes that devices sent (by their seq) but that never arrived; loss a broker caused. */
public final class SeqGaps {
    private SeqGaps() {
    }

    /** Missing envelopes summed over every device stream. */
    public static long count(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(max_seq - first_seq + 1 - stored_count), 0) FROM device_stream")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
