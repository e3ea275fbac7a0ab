package org.prooftrail.store.envelopes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Work handed to another thread while the caller waits on something else (a statement in PostgreSQL),
 * and taken back by the caller when it needs the result and no thread has begun it yet, so a busy pool
 * never makes the caller wait longer than doing the work itself would.
 */
final class HeadStart<T> {
    private final Supplier<T> work;
    private final AtomicBoolean begun = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private HeadStart(Supplier<T> work) {
        this.work = work;
    }

    /** Starts {@code work} on {@code pool}. */
    static <T> HeadStart<T> on(Executor pool, Supplier<T> work) {
        HeadStart<T> h = new HeadStart<>(work);
        pool.execute(h::runIfFirst);
        return h;
    }

    /** The result: computed here when no thread has begun it, else awaited; the work's exception is rethrown as it was. */
    T join() {
        runIfFirst();
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void runIfFirst() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        try {
            result.complete(work.get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }
}
