package org.prooftrail.core.envelope;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link EnvelopeVerifier} logs a bug of ours met by odd input: the first with its stack trace,
 * then at most one a minute, the next line counting those not logged. Each such envelope is still
 * rejected, and the caller logs and counts the rejection as any other; a device sending the same odd
 * input again and again must not fill the log with stack traces.
 */
final class UnexpectedFailureLog {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeVerifier.class);
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong lastLineNanos = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    void failed(RejectionReason reason, RuntimeException e) {
        long now = System.nanoTime();
        long last = lastLineNanos.get();
        if (now - last < QUIET_NANOS || !lastLineNanos.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        long notLogged = unlogged.getAndSet(0);
        LOG.warn("unexpected failure while checking an envelope; rejecting it as {}{}", reason,
                notLogged == 0 ? "" : " (" + notLogged + " more since the last such line, not logged)", e);
    }
}
