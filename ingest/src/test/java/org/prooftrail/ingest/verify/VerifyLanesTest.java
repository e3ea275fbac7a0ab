package org.prooftrail.ingest.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerifyLanesTest {
    private static final long WITHIN_MS = 30_000;

    @Test
    void eachKeysTasksRunInTheOrderGivenAndKeysRunInParallel() throws InterruptedException {
        VerifyLanes lanes = new VerifyLanes(4);
        int keys = 40;
        int perKey = 2_000;
        Map<String, List<Integer>> ran = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                String key = "device-" + k;
                int n = i;
                lanes.execute(key, () -> {
                    threads.add(Thread.currentThread().getName());
                    // some tasks take far longer than others, as a large envelope does
                    if ((n + key.hashCode()) % 97 == 0) {
                        busy(200_000);
                    }
                    ran.computeIfAbsent(key, x -> new ArrayList<>()).add(n); // one key's tasks never run at once
                });
            }
        }
        lanes.shutdown();
        assertTrue(lanes.awaitTermination(WITHIN_MS));
        assertTrue(lanes.isTerminated());
        List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
        for (int k = 0; k < keys; k++) {
            assertEquals(expected, ran.get("device-" + k), "device-" + k);
        }
        assertEquals(4, threads.size(), "every thread took part: " + threads);
    }

    @Test
    void aKeyHeldUpHoldsOneThreadAndNoOtherKey() throws InterruptedException {
        VerifyLanes lanes = new VerifyLanes(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch heldStarted = new CountDownLatch(1);
        AtomicInteger heldAfter = new AtomicInteger();
        lanes.execute("slow", () -> {
            heldStarted.countDown();
            await(release);
        });
        lanes.execute("slow", heldAfter::incrementAndGet);
        assertTrue(heldStarted.await(WITHIN_MS, TimeUnit.MILLISECONDS));
        // whatever the keys, all of them run on the other thread meanwhile
        CountDownLatch others = new CountDownLatch(1_000);
        for (int i = 0; i < 1_000; i++) {
            lanes.execute("device-" + i, others::countDown);
        }
        assertTrue(others.await(WITHIN_MS, TimeUnit.MILLISECONDS));
        assertEquals(0, heldAfter.get(), "the held key's next task waits for the one before it");
        release.countDown();
        lanes.shutdown();
        assertTrue(lanes.awaitTermination(WITHIN_MS));
        assertEquals(1, heldAfter.get());
    }

    @Test
    void afterShutdownWhatWasGivenStillRunsAndNothingMoreIsTaken() throws InterruptedException {
        VerifyLanes lanes = new VerifyLanes(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        lanes.execute("a", () -> await(release));
        for (int i = 0; i < 100; i++) {
            lanes.execute(i % 2 == 0 ? "a" : "b", ran::incrementAndGet);
        }
        lanes.shutdown();
        assertThrows(RejectedExecutionException.class, () -> lanes.execute("a", ran::incrementAndGet));
        assertFalse(lanes.isTerminated());
        assertFalse(lanes.awaitTermination(50), "a task is still held");
        release.countDown();
        assertTrue(lanes.awaitTermination(WITHIN_MS));
        assertEquals(100, ran.get());
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WITHIN_MS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
