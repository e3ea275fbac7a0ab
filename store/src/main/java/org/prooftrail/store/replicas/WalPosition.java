package org.prooftrail.store.replicas;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A position in PostgreSQL's write-ahead log (an LSN) as a number, so that "has this replica replayed
 * what the primary had written then" is one comparison. On a primary it is where the next record will be
 * inserted (every committed transaction's commit record lies below it, whatever synchronous_commit says);
 * on a hot standby, how far it has replayed (everything below is visible to its queries).
 */
public final class WalPosition {
    private static final String SQL = "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
            + " ELSE pg_current_wal_insert_lsn() END::text";

    private WalPosition() {
    }

    /** Where the server {@code c} is connected to stands now; 0 when a standby has replayed nothing yet. */
    public static long of(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            rs.next();
            String lsn = rs.getString(1);
            return lsn == null ? 0 : parse(lsn);
        }
    }

    /** Whether {@code c} is a hot standby. */
    public static boolean standby(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** PostgreSQL's text form {@code 16/B374D848} as a number. */
    public static long parse(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: " + lsn);
        }
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    /** The text form PostgreSQL uses. */
    public static String format(long position) {
        return Long.toHexString(position >>> 32).toUpperCase() + "/" + Long.toHexString(position & 0xFFFFFFFFL).toUpperCase();
    }
}
