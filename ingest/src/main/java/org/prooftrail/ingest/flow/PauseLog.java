package org.prooftrail.ingest.flow;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line when ingest stops reading from the broker and one when it resumes. A saturated ingest
 * may pause every second; then only one pause in ten seconds is logged and the next line says how
 * many were not (the pause counter in the metrics has them all).
 */
final class PauseLog {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightBound.class);
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final int maxMessages;
    private final long maxBytes;
    private long lastLineNanos = System.nanoTime() - QUIET_NANOS;
    private long unlogged;
    private boolean thisPauseLogged;

    PauseLog(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    void paused(long messages, long bytes) {
        long now = System.nanoTime();
        thisPauseLogged = now - lastLineNanos >= QUIET_NANOS;
        if (!thisPauseLogged) {
            unlogged++;
            return;
        }
        lastLineNanos = now;
        LOG.warn("in-flight bound reached ({} of {} messages, {} of {} bytes unacknowledged): not reading from the broker "
                        + "until half of it is stored{}", messages, maxMessages, bytes, maxBytes,
                unlogged == 0 ? "" : " (" + unlogged + " earlier pauses not logged)");
        unlogged = 0;
    }

    void resumed(long pausedNanos, long messages, long bytes) {
        if (thisPauseLogged) {
            LOG.info("reading from the broker again after {} ms paused ({} messages, {} bytes in flight)",
                    TimeUnit.NANOSECONDS.toMillis(pausedNanos), messages, bytes);
        }
    }
}
