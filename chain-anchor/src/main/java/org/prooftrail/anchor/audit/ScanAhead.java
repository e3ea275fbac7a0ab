package org.prooftrail.anchor.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.prooftrail.store.audit.DerivedRowScan;
import org.prooftrail.store.audit.StoredGroup;

/**
 * Runs the {@link DerivedRowScan} on its own thread, a bounded number of groups and rows ahead of the
 * comparison, so that fetching and decoding rows overlaps with recomputing them (two cores: one
 * each). The connection belongs to the scanning thread until the scan ends; statements the
 * comparison needs meanwhile are handed over as {@link SqlTask}s and run between two groups.
 */
final class ScanAhead implements AutoCloseable {
    /** Groups held ahead; an envelope's rows are a few KB, so this bounds memory to a few MB. */
    static final int AHEAD = 1000;
    /** Rows held ahead, whatever the groups hold (an envelope may carry 10,000 readings). */
    static final int ROWS_AHEAD = 100_000;
    private static final Object END = new Object();

    @FunctionalInterface
    interface SqlTask {
        void run(Connection c) throws SQLException;
    }

    private final Connection c;
    private final BlockingQueue<Object> groups = new ArrayBlockingQueue<>(AHEAD);
    private final ConcurrentLinkedQueue<SqlTask> tasks = new ConcurrentLinkedQueue<>();
    private final Semaphore rows = new Semaphore(ROWS_AHEAD);
    private final Thread thread;
    private volatile boolean closed;

    ScanAhead(Connection c) {
        this.c = c;
        this.thread = new Thread(this::scan, "derived-rows-scan");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the next group, or null when the scan is done (the connection is then the caller's again) */
    StoredGroup next() throws SQLException {
        Object o;
        try {
            o = groups.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("the audit was interrupted", e);
        }
        if (o == END) {
            join();
            runTasks(); // asked for after the scan's last group
            return null;
        }
        if (o instanceof SQLException e) {
            throw e;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        if (o instanceof Error e) {
            throw e;
        }
        StoredGroup g = (StoredGroup) o;
        rows.release(weight(g));
        return g;
    }

    /** Runs the tasks submitted after {@link #next} returned null, on the caller's thread. */
    void runLeftoverTasks() throws SQLException {
        runTasks();
    }

    /** Runs {@code task} on the connection: between two groups while scanning, else at the end. */
    void submit(SqlTask task) {
        tasks.add(task);
    }

    private void scan() {
        Object last = END;
        try {
            DerivedRowScan.scan(c, g -> {
                runTasks();
                acquire(weight(g));
                put(g);
            });
        } catch (SQLException | RuntimeException | Error e) {
            last = e;
        }
        if (!closed) {
            put(last);
        }
    }

    private void runTasks() throws SQLException {
        for (SqlTask t = tasks.poll(); t != null; t = tasks.poll()) {
            t.run(c);
        }
    }

    private static int weight(StoredGroup g) {
        return (int) Math.min(ROWS_AHEAD, 1L + g.readings().size() + g.events().size());
    }

    private void acquire(int permits) {
        try {
            while (!closed) {
                if (rows.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the audit stopped reading");
    }

    private void put(Object o) {
        try {
            while (!closed) {
                if (groups.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the audit stopped reading");
    }

    private void join() throws SQLException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("the audit was interrupted", e);
        }
    }

    /** Stops a scan the caller gave up on and waits for it, so the connection is free again. */
    @Override
    public void close() throws SQLException {
        closed = true;
        groups.clear();
        join();
    }
}
