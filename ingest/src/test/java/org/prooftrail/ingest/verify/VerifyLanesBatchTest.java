package org.prooftrail.ingest.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link VerifyLanes} taking several keys' next tasks at once. */
class VerifyLanesBatchTest {
    private static final long WITHIN_MS = 30_000;

    /** A task that says whose it is, as the pipeline's pending checks carry their message. */
    private record Tagged(String key, int n, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());

    private void runTogether(List<Runnable> tasks) {
        List<String> keys = tasks.stream().map(t -> ((Tagged) t).key()).toList();
        batches.add(keys);
        for (String k : keys) {
            if (!running.add(k)) {
                overlaps.add(k);
            }
        }
        try {
            tasks.forEach(Runnable::run);
        } finally {
            keys.forEach(running::remove);
        }
    }

    @Test
    void batchesFormWhenManyKeysHaveTasksReadyAndEachKeysOrderHolds() throws InterruptedException {
        VerifyLanes lanes = new VerifyLanes(2, 16, this::runTogether);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(2);
        // both threads held, so that every key's tasks are ready when they are free again
        for (String gate : List.of("gate-1", "gate-2")) {
            lanes.execute(gate, new Tagged(gate, 0, () -> {
                held.countDown();
                await(release);
            }));
        }
        assertTrue(held.await(WITHIN_MS, TimeUnit.MILLISECONDS));
        int keys = 100;
        int perKey = 50;
        Map<String, List<Integer>> ran = new ConcurrentHashMap<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                String key = "device-" + k;
                int n = i;
                lanes.execute(key, new Tagged(key, n, () -> ran.computeIfAbsent(key, x -> new ArrayList<>()).add(n)));
            }
        }
        release.countDown();
        lanes.shutdown();
        assertTrue(lanes.awaitTermination(WITHIN_MS));

        List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
        for (int k = 0; k < keys; k++) {
            assertEquals(expected, ran.get("device-" + k), "device-" + k);
        }
        assertEquals(List.of(), overlaps, "no key's tasks ran at once");
        for (List<String> b : batches) {
            assertTrue(b.size() <= 16, "at most maxBatch: " + b.size());
            assertEquals(b.size(), new HashSet<>(b).size(), "one task of a key per batch: " + b);
        }
        long full = batches.stream().filter(b -> b.size() == 16).count();
        int tasks = keys * perKey + 2;
        assertEquals(tasks, batches.stream().mapToInt(List::size).sum());
        assertTrue(full * 16 >= tasks / 2, "most tasks ran in full batches: " + full + " of " + batches.size() + " batches");
    }

    @Test
    void aTaskGivenWhileTheThreadsIdleRunsAlone() throws InterruptedException {
        VerifyLanes lanes = new VerifyLanes(2, 64, this::runTogether);
        for (int i = 0; i < 20; i++) {
            CountDownLatch done = new CountDownLatch(1);
            String key = "device-" + i % 3;
            lanes.execute(key, new Tagged(key, i, done::countDown));
            assertTrue(done.await(WITHIN_MS, TimeUnit.MILLISECONDS));
        }
        lanes.shutdown();
        assertTrue(lanes.awaitTermination(WITHIN_MS));
        assertEquals(20, batches.size());
        assertTrue(batches.stream().allMatch(b -> b.size() == 1), "no waiting to fill a batch: " + batches);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WITHIN_MS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
