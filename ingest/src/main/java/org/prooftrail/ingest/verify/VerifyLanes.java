package org.prooftrail.ingest.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The verification threads, each with a queue of its own; a key (the device) always takes the same lane,
 * so one device's messages are checked one after another in the order they arrived, and different
 * devices' in parallel. With one shared queue a check held up on one thread was overtaken by later
 * envelopes of its device on the others, which were then stored first: with PT_INGEST_SEQ_WINDOW 100,
 * seq 1107 stored before 1001 got 1001 refused as out of window, though it was valid and sent in order.
 */
public final class VerifyLanes {
    private final List<ExecutorService> lanes;

    public VerifyLanes(int threads) {
        List<ExecutorService> made = new ArrayList<>(threads);
        for (int i = 1; i <= threads; i++) {
            String name = "pt-ingest-verify-" + i;
            made.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
        this.lanes = List.copyOf(made);
    }

    /** Runs {@code task} on the lane of {@code key}, after every task submitted before it with the same key. */
    public void execute(String key, Runnable task) {
        lanes.get(Math.floorMod(key.hashCode(), lanes.size())).execute(task);
    }

    /** Takes no more tasks; those already submitted still run. */
    public void shutdown() {
        lanes.forEach(ExecutorService::shutdown);
    }

    /** Waits until every lane has run what it was given, at most {@code millis} in all. */
    public boolean awaitTermination(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ExecutorService lane : lanes) {
            if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    public boolean isTerminated() {
        return lanes.stream().allMatch(ExecutorService::isTerminated);
    }

    public void shutdownNow() {
        lanes.forEach(ExecutorService::shutdownNow);
    }
}
