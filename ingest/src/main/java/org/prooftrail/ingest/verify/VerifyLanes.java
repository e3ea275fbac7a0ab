package org.prooftrail.ingest.verify;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The verification threads, and a queue for each device with messages waiting: one device's messages
 * are checked one after another in the order they arrived, different devices' in parallel. With one
 * queue for all threads, a check held up on one thread was overtaken by later envelopes of its device
 * on the others, which were then stored first: with PT_INGEST_SEQ_WINDOW 100, seq 1107 stored before
 * 1001 got 1001 refused as out of window, though it was valid and sent in order.
 *
 * <p>Not a fixed thread per device (by hash), which leaves a thread idle while devices that share the
 * other wait: any free thread takes the next device with a message waiting, and a device goes to the
 * back after each message, so one that sends a flood or slow envelopes holds one thread at most. A
 * device's queue exists only while it has messages waiting or being checked.
 */
public final class VerifyLanes {
    private final ExecutorService threads;
    private final ConcurrentHashMap<String, Lane> waiting = new ConcurrentHashMap<>();
    private final Object emptied = new Object();
    private volatile boolean closed;

    public VerifyLanes(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pt-ingest-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} after every task given before it with the same key.
     *
     * @throws RejectedExecutionException after {@link #shutdown}
     */
    public void execute(String key, Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("verification is shutting down");
        }
        Lane[] started = new Lane[1];
        Lane lane = waiting.compute(key, (k, existing) -> {
            Lane l = existing != null ? existing : (started[0] = new Lane(k));
            l.tasks.add(task);
            return l;
        });
        if (started[0] != null) {
            threads.execute(lane);
        }
    }

    /** A device's messages waiting; on the threads' queue, or running, exactly while it is in {@link #waiting}. */
    private final class Lane implements Runnable {
        private final String key;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        Lane(String key) {
            this.key = key;
        }

        @Override
        public void run() {
            try {
                tasks.remove().run();
            } finally {
                // leaves the map when nothing more waits, atomically with execute adding to it
                if (waiting.computeIfPresent(key, (k, l) -> l.tasks.isEmpty() ? null : l) != null) {
                    again();
                } else if (closed) {
                    synchronized (emptied) {
                        emptied.notifyAll();
                    }
                }
            }
        }

        /** To the back of the threads' queue: devices take turns. */
        private void again() {
            try {
                threads.execute(this);
            } catch (RejectedExecutionException e) {
                // only after shutdownNow: what waits stays unchecked and unacknowledged, for the broker to send again
            }
        }
    }

    /** Takes no more tasks; those already given still run. */
    public void shutdown() {
        closed = true;
    }

    /** Waits until every task given has run, at most {@code millis}; then the threads end. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (emptied) {
            while (!isTerminated()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                emptied.wait(left);
            }
        }
        threads.shutdown();
        return true;
    }

    /** Shut down and every task given has run. */
    public boolean isTerminated() {
        return closed && waiting.isEmpty();
    }

    /** Ends the threads now; what waits is not checked (nor acknowledged: the broker sends it again). */
    public void shutdownNow() {
        closed = true;
        threads.shutdownNow();
    }
}
