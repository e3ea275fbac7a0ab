package org.prooftrail.ingest.flow;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Ingest's own limit on what it holds unacknowledged, in messages and in payload bytes, whatever
 * the broker does. The MQTT 5 Receive Maximum asks the broker to stop at a number of messages, but
 * it says nothing of bytes (20,000 envelopes of 256 KiB are 5 GiB) and a broker may ignore it
 * (Mosquitto 2.0.11 was seen sending 317,039 unacknowledged messages in a burst).
 *
 * <p>{@link #admit} is called on the MQTT client's delivery thread before a message is taken. When
 * the message would not fit, that thread waits: the client's small inbound queue fills, its reader
 * stops reading the socket, TCP's window closes and the broker keeps the rest. Reading resumes once
 * both counts are down to half their bound (hysteresis, so a saturated ingest pauses once per half
 * bound rather than once per batch). Nothing is dropped here: a message that is not admitted stays
 * unacknowledged and the broker redelivers it.
 */
public final class InFlightBound {
    private static final long WAIT_STEP_MS = 100;

    private final int maxMessages;
    private final long maxBytes;
    private final int resumeMessages;
    private final long resumeBytes;
    private final PauseLog log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private volatile boolean paused;
    private long pausedAtNanos;

    /** @param maxBytes at least twice the largest message, so one always fits once reading resumes */
    public InFlightBound(int maxMessages, long maxBytes) {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("bounds must be positive: " + maxMessages + " messages, " + maxBytes + " bytes");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.resumeMessages = maxMessages / 2;
        this.resumeBytes = maxBytes / 2;
        this.log = new PauseLog(maxMessages, maxBytes);
    }

    /**
     * Takes a message of {@code size} bytes into the count, waiting while it does not fit.
     *
     * @param keepWaiting asked every 100 ms while waiting; when it turns false (the connection the
     *                    message came on is gone, or ingest is stopping) the wait ends
     * @return true when the message is counted and the caller must {@link #release} it later; false
     *         when the wait was given up and the message is not taken (not to be acknowledged)
     */
    public boolean admit(int size, BooleanSupplier keepWaiting) {
        lock.lock();
        try {
            while (true) {
                if (!paused && fits(size)) {
                    take(size);
                    return true;
                }
                if (!paused) {
                    pause();
                } else if (belowResumeMark() && fits(size)) {
                    resume();
                    take(size);
                    return true;
                }
                if (!keepWaiting.getAsBoolean()) {
                    return false;
                }
                room.await(WAIT_STEP_MS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Messages that are done with (acknowledged, or stored for a connection that is gone) leave the count. */
    public void release(int count, long size) {
        lock.lock();
        try {
            messages.addAndGet(-count);
            bytes.addAndGet(-size);
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting {@link #admit} so it asks its {@code keepWaiting} again now (shutdown). */
    public void wakeUp() {
        lock.lock();
        try {
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // A lone message larger than the byte bound is still taken when nothing else is held, or it
    // would wait forever; it is an OVERSIZED refusal in waiting anyway.
    private boolean fits(int size) {
        long m = messages.get();
        return m == 0 || (m + 1 <= maxMessages && bytes.get() + size <= maxBytes);
    }

    private boolean belowResumeMark() {
        return messages.get() <= resumeMessages && bytes.get() <= resumeBytes;
    }

    private void take(int size) {
        messages.incrementAndGet();
        bytes.addAndGet(size);
    }

    private void pause() {
        paused = true;
        pausedAtNanos = System.nanoTime();
        pauses.incrementAndGet();
        log.paused(messages.get(), bytes.get());
    }

    private void resume() {
        paused = false;
        log.resumed(System.nanoTime() - pausedAtNanos, messages.get(), bytes.get());
    }

    public long messages() {
        return messages.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long pauses() {
        return pauses.get();
    }

    public boolean paused() {
        return paused;
    }

    public int maxMessages() {
        return maxMessages;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
