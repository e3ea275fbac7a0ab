package org.prooftrail.store.replicas;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to a streaming replica that has replayed everything the primary had written when the
 * connection was asked for: what a query reads then includes every transaction committed before the
 * request came (a capture the company was told is stored, the events a page showed, on any replica).
 * The primary's position is one statement that touches no table; the replica is then asked for its replay
 * position until it has passed it, for at most {@code wait} (a healthy replica is milliseconds behind),
 * after which the primary itself is read: a replica that falls behind costs the primary reads, never a
 * wrong answer. PostgreSQL 15 has no way to wait for replay on the server, so this polls.
 */
public final class CaughtUpReads implements DataSource {
    private static final long POLL_MILLIS = 5;

    private final DataSource replica;
    private final DataSource primary;
    private final Duration wait;
    private final AtomicLong onPrimary = new AtomicLong();

    public CaughtUpReads(DataSource replica, DataSource primary, Duration wait) {
        this.replica = replica;
        this.primary = primary;
        this.wait = wait;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long target;
        try (Connection p = primary.getConnection()) {
            target = WalPosition.of(p);
        }
        Connection r = replica.getConnection();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (WalPosition.of(r) < target) {
                if (System.nanoTime() - deadline >= 0) {
                    r.close();
                    onPrimary.incrementAndGet();
                    return primary.getConnection();
                }
                Thread.sleep(POLL_MILLIS);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.close();
            throw new SQLException("interrupted while waiting for the read replica", e);
        } catch (SQLException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** How many reads went to the primary because no replica had caught up in time (a metric). */
    public long readOnPrimary() {
        return onPrimary.get();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return replica.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        replica.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        replica.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return replica.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return replica.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || replica.isWrapperFor(iface);
    }
}
