package org.prooftrail.store.journey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Nullable column reads shared by the statements that build products, lots and items. */
final class Columns {
    private Columns() {
    }

    static Double dbl(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    /** An {@code EXTRACT(EPOCH FROM interval)} column as a duration, to the millisecond. */
    static Duration seconds(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : Duration.ofMillis(Math.round(v * 1000));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
