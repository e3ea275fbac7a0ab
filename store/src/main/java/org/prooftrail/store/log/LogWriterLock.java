package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.prooftrail.core.config.DatabaseSettings;

/**
 * The right to write the log: a PostgreSQL advisory lock held by one session. The holder does every
 * log write through that session's connection, so losing the connection means losing the lock and
 * the right to write.
 */
public final class LogWriterLock {
    /** "PROOFTRL" as a number: the advisory lock that makes one anchorer active. */
    public static final long KEY = 0x50524F4F4654524CL;

    private LogWriterLock() {
    }

    /**
     * Opens a connection of its own and takes the lock on it. The connection is never taken from a
     * pool: a pool would keep the session, and the lock, alive after its holder stepped down.
     *
     * @return the connection holding the lock (closing it releases the lock), or null when another session holds it
     */
    public static Connection tryAcquire(DatabaseSettings database) throws SQLException {
        Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
        boolean locked = false;
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, KEY);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                locked = rs.getBoolean(1);
            }
        } finally {
            if (!locked) {
                c.close();
            }
        }
        return locked ? c : null;
    }
}
