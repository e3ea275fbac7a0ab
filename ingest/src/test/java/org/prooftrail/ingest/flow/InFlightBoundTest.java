package org.prooftrail.ingest.flow;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InFlightBoundTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void admitsWhatFitsAndCountsMessagesAndBytes() {
        InFlightBound bound = new InFlightBound(3, 1_000);
        assertTrue(bound.admit(400, () -> true));
        assertTrue(bound.admit(400, () -> true));
        assertEquals(2, bound.messages());
        assertEquals(800, bound.bytes());
        assertFalse(bound.paused());
        bound.release(2, 800);
        assertEquals(0, bound.messages());
        assertEquals(0, bound.bytes());
    }

    @Test
    void aMessageThatWouldPassTheByteBoundWaitsUntilHalfIsReleased() {
        InFlightBound bound = new InFlightBound(100, 1_000);
        bound.admit(400, () -> true);
        bound.admit(400, () -> true);
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> bound.admit(400, () -> true));
        await().atMost(WITHIN).until(bound::paused);
        assertEquals(1, bound.pauses());
        assertFalse(third.isDone());

        bound.release(1, 400); // 400 held: at the half mark, and the 400 fit
        assertTrue(third.join());
        assertFalse(bound.paused());
        assertEquals(800, bound.bytes());
    }

    @Test
    void theMessageBoundHoldsTooAndReadingResumesOnlyAtHalf() {
        InFlightBound bound = new InFlightBound(4, 1_000_000);
        for (int i = 0; i < 4; i++) {
            assertTrue(bound.admit(10, () -> true));
        }
        CompletableFuture<Boolean> fifth = CompletableFuture.supplyAsync(() -> bound.admit(10, () -> true));
        await().atMost(WITHIN).until(bound::paused);
        bound.release(1, 10); // 3 held: room for one, but not yet down to half
        await().during(Duration.ofMillis(300)).atMost(WITHIN).until(() -> !fifth.isDone());
        bound.release(1, 10); // 2 held: half
        assertTrue(fifth.join());
        assertEquals(3, bound.messages());
    }

    @Test
    void aWaitEndsUnansweredWhenTheConnectionGoes() {
        InFlightBound bound = new InFlightBound(1, 1_000);
        bound.admit(10, () -> true);
        AtomicBoolean connected = new AtomicBoolean(true);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> bound.admit(10, connected::get));
        await().atMost(WITHIN).until(bound::paused);
        connected.set(false);
        assertFalse(second.join(), "not taken");
        assertEquals(1, bound.messages(), "and not counted");
    }

    @Test
    void aLoneMessageLargerThanTheBoundIsStillTaken() {
        InFlightBound bound = new InFlightBound(10, 1_000);
        assertTrue(bound.admit(5_000, () -> true), "else it would wait forever");
        assertEquals(5_000, bound.bytes());
    }
}
