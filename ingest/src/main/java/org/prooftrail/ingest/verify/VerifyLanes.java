package org.prooftrail.ingest.verify;

import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>A free thread takes the next message of several devices at once, up to {@code maxBatch}
 * (PT_INGEST_VERIFY_BATCH), so that their Ed25519 signatures are checked in one batch at about a
 * third of the CPU per signature; still one message of a device at a time, and a device's next only
 * after its last was handed on.
 */
public final class VerifyLanes {
    /**
     * Runs tasks of different keys taken together, one of each, as a check of several envelopes at
     * once; every task must have run, or been answered for, when it returns.
     */
    @FunctionalInterface
    public interface Batch {
        void run(List<Runnable> tasks);
    }

    private final ExecutorService threads;
    private final int threadCount;
    private final int maxBatch;
    private final Batch batch;
    private final ConcurrentHashMap<String, Lane> waiting = new ConcurrentHashMap<>();
    /** Lanes with a task waiting and none being run, in the order they became so. */
    private final Queue<Lane> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final Object emptied = new Object();
    private volatile boolean closed;

    /** Each task run on its own. */
    public VerifyLanes(int threads) {
        this(threads, 1, tasks -> tasks.forEach(Runnable::run));
    }

    /**
     * @param maxBatch a free thread takes the next task of up to this many keys that have one waiting,
     *     and gives them to {@code batch} together
     */
    public VerifyLanes(int threads, int maxBatch, Batch batch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pt-ingest-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.threadCount = threads;
        this.maxBatch = maxBatch;
        this.batch = batch;
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
            ready.add(lane);
            readyCount.incrementAndGet();
            threads.execute(this::turn);
        }
    }

    /**
     * One thread's turn: the lanes ready now, at most {@code maxBatch}, one task of each. Every lane
     * put in {@link #ready} brings one turn, so a lane never waits there without one to come; a turn
     * that finds none left (an earlier turn took them with its own) does nothing. It takes its share
     * of what is ready, not all of it, so that a few devices' lanes are spread over the threads
     * rather than all checked on one while the others idle. It never waits for more: under light
     * load batches are of one.
     */
    private void turn() {
        int share = Math.min(maxBatch, Math.max(1, (readyCount.get() + threadCount - 1) / threadCount));
        List<Lane> taken = new ArrayList<>(share);
        for (Lane l; taken.size() < share && (l = ready.poll()) != null; ) {
            readyCount.decrementAndGet();
            taken.add(l);
        }
        if (taken.isEmpty()) {
            return;
        }
        List<Runnable> tasks = new ArrayList<>(taken.size());
        for (Lane l : taken) {
            tasks.add(l.tasks.remove());
        }
        try {
            batch.run(tasks);
        } finally {
            for (Lane l : taken) {
                l.ran();
            }
        }
    }

    /** A key's tasks waiting; in {@link #ready}, or taken by a turn, exactly while it is in {@link #waiting}. */
    private final class Lane {
        private final String key;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        Lane(String key) {
            this.key = key;
        }

        /** After its task ran: to the back of the ready lanes if more wait, so keys take turns. */
        void ran() {
            // leaves the map when nothing more waits, atomically with execute adding to it
            if (waiting.computeIfPresent(key, (k, l) -> l.tasks.isEmpty() ? null : l) != null) {
                ready.add(this);
                readyCount.incrementAndGet();
                try {
                    threads.execute(VerifyLanes.this::turn);
                } catch (RejectedExecutionException e) {
                    // only after shutdownNow: what waits stays unchecked and unacknowledged, for the broker to send again
                }
            } else if (closed) {
                synchronized (emptied) {
                    emptied.notifyAll();
                }
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
