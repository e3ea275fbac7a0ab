package org.prooftrail.store.changes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.store.replicas.WalPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@link ChangeNotices#CHANNEL} on a connection of its own (outside any pool: LISTEN holds
 * it for good) and hands each notice to {@code notices}. A notice can only be missed while the
 * connection is down, so losing it is itself a notice: {@code live} is told false at once (readers
 * stop trusting what they keep), and true once listening again, after which they start afresh.
 */
public final class ChangeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long RETRY_MILLIS = 1_000;

    /** What a reader is told. */
    public interface Receiver {
        void notice(ChangeNotices.Notice n);

        /** Listening (true) or not (false): while not, changes may go unseen. */
        void live(boolean listening);

        /**
         * As {@link #notice(ChangeNotices.Notice)}, with where the primary's log stood when it was received
         * (a {@link WalPosition}, 0 unless the listener was asked for positions): a streaming replica that
         * has not replayed that far may not hold the change yet.
         */
        default void notice(ChangeNotices.Notice n, long primaryPosition) {
            notice(n);
        }

        /** As {@link #live(boolean)}, with the primary's position then (0 unless asked for). */
        default void live(boolean listening, long primaryPosition) {
            live(listening);
        }
    }

    private final DatabaseSettings settings;
    private final Receiver receiver;
    private final Thread thread;
    private final boolean positions;
    private volatile boolean closed;
    private volatile Connection connection;

    public ChangeListener(DatabaseSettings settings, Receiver receiver) {
        this(settings, receiver, false);
    }

    /**
     * @param positions whether to tell the receiver where the primary's log stood at each notice (one more
     *                  statement per batch of notices; for readers whose data comes from streaming replicas)
     */
    public ChangeListener(DatabaseSettings settings, Receiver receiver, boolean positions) {
        this.settings = settings;
        this.receiver = receiver;
        this.positions = positions;
        this.thread = new Thread(this::run, "pt-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        boolean wasLive = false;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + ChangeNotices.CHANNEL);
                }
                receiver.live(true, positions ? WalPosition.of(c) : 0);
                wasLive = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
                    if (got != null && got.length > 0) {
                        // read after the notices arrived: at or past each one's commit record
                        long position = positions ? WalPosition.of(c) : 0;
                        for (PGNotification n : got) {
                            receiver.notice(ChangeNotices.Notice.parse(n.getParameter()), position);
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (wasLive) {
                    // INFO: the database being away is reported where it fails requests and readiness; this only says what it costs here
                    LOG.info("not listening for changes ({}); what readers keep is not used until listening again", e.toString());
                    wasLive = false;
                }
                receiver.live(false);
                pause();
            } finally {
                connection = null;
            }
        }
    }

    private void pause() {
        synchronized (this) {
            try {
                wait(RETRY_MILLIS); // woken early by close()
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
