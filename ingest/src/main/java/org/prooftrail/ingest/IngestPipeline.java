package org.prooftrail.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.ingest.flow.InFlightBound;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.ingest.mqtt.TopicAddress;
import org.prooftrail.ingest.verify.CheckedMessage;
import org.prooftrail.ingest.verify.EnvelopeCheck;
import org.prooftrail.ingest.verify.KeyCache;
import org.prooftrail.ingest.verify.SuspectDevices;
import org.prooftrail.ingest.verify.VerifyLanes;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchOutcome;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.MessageVerdict;
import org.prooftrail.store.envelopes.RefusedMessage;
import org.prooftrail.store.envelopes.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify on {@code PT_INGEST_VERIFY_THREADS} threads, the next message of up to {@code PT_INGEST_VERIFY_BATCH}
 * devices at once, batch by count, bytes and time, write each batch in
 * one transaction, then acknowledge everything in it and release it from the {@link InFlightBound}.
 * Several writers ({@code PT_INGEST_WRITERS}) commit at once, each from its own lane. A device's
 * messages are checked one after another ({@link VerifyLanes}) and always take the same writer lane, so
 * they are checked and stored in the order they arrived, and one device's envelopes are never in two open transactions. A
 * batch that cannot be written because the database is away is retried until it can; meanwhile nothing
 * is acknowledged, ingest stops reading from the broker once the in-flight bound is reached, and
 * readiness reports the outage. A batch the database refuses is split until the one
 * message it refuses is found and stored as rejected, so one bad message never blocks the stream.
 */
public final class IngestPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final IngestSettings settings;
    private final EnvelopeCheck check;
    private final BatchWriter writer;
    private final Consumer<InboundMessage> ack;
    private final InFlightBound bound;
    private final IngestMetrics metrics;
    private final VerifyLanes verifyLanes;
    private final SuspectDevices suspects = new SuspectDevices(Duration.ofMinutes(1), 10_000);
    private final List<BlockingQueue<CheckedMessage>> lanes;
    private final List<Thread> writerThreads;
    private volatile boolean accepting = true;
    private volatile boolean draining;
    private volatile boolean abandon;
    private volatile boolean storeHealthy = true;
    private volatile boolean writerFailed;
    private volatile long lastArrivalNanos = System.nanoTime();

    public IngestPipeline(IngestSettings settings, EnvelopeCheck check, BatchWriter writer,
                          Consumer<InboundMessage> ack, InFlightBound bound, IngestMetrics metrics) {
        this.settings = settings;
        this.bound = bound;
        this.check = check;
        this.writer = writer;
        this.ack = ack;
        this.metrics = metrics;
        this.verifyLanes = new VerifyLanes(settings.verifyThreads(), settings.verifyBatch(), this::verifyTogether);
        List<BlockingQueue<CheckedMessage>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= settings.writers(); i++) {
            BlockingQueue<CheckedMessage> lane = new LinkedBlockingQueue<>();
            Thread t = new Thread(() -> writeLoop(lane), settings.writers() == 1 ? "pt-ingest-writer" : "pt-ingest-writer-" + i);
            t.setDaemon(true);
            // Nothing of its lane is acknowledged without this thread: its end must not go unnoticed.
            t.setUncaughtExceptionHandler((th, e) -> {
                writerFailed = true;
                LOG.error("the ingest writer {} stopped: nothing more is stored or acknowledged until ingest restarts", th.getName(), e);
            });
            queues.add(lane);
            threads.add(t);
        }
        this.lanes = List.copyOf(queues);
        this.writerThreads = List.copyOf(threads);
        writerThreads.forEach(Thread::start);
    }

    /** The lane of a checked message: by its device when known, else by its topic (which names the device). */
    private BlockingQueue<CheckedMessage> laneOf(CheckedMessage c) {
        if (lanes.size() == 1) {
            return lanes.get(0);
        }
        MessageVerdict v = c.verdict();
        String device = v instanceof AcceptedEnvelope a ? a.envelope().dev() : ((RefusedMessage) v).deviceId();
        String key = device != null ? device : c.message().topic();
        return lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
    }

    /**
     * Called by the MQTT client for each message it admitted to the {@link InFlightBound}; returns at
     * once. The message stays counted in the bound until it is acknowledged.
     */
    public void submit(InboundMessage m) {
        if (!accepting) {
            bound.release(1, m.payload().length);
            return; // not acknowledged: the broker delivers it again to whoever runs next
        }
        lastArrivalNanos = System.nanoTime();
        metrics.received.increment();
        verifyLanes.execute(deviceOf(m.topic()), new Pending(m));
    }

    /** A message waiting for its check; run alone, or with other devices' by {@link #verifyTogether}. */
    private final class Pending implements Runnable {
        final InboundMessage message;

        Pending(InboundMessage message) {
            this.message = message;
        }

        @Override
        public void run() {
            verify(message);
        }
    }

    /** The device a topic names, or the topic itself when it names none (it is refused, in its own order). */
    private static String deviceOf(String topic) {
        return TopicAddress.parse(topic).map(TopicAddress::device).orElse(topic);
    }

    /**
     * The next message of several devices, checked together and handed to their writer lanes, each
     * before its device's next message is taken. A lookup that cannot reach the registry holds them
     * all and retries; a failure of our own code sends each to be checked alone, so that only the
     * message that causes it is refused. A device that sent a bad signature lately is checked alone
     * ({@link SuspectDevices}).
     */
    private void verifyTogether(List<Runnable> tasks) {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        List<InboundMessage> messages = new ArrayList<>(tasks.size());
        long now = System.nanoTime();
        for (Runnable t : tasks) {
            InboundMessage m = ((Pending) t).message;
            if (suspects.suspect(deviceOf(m.topic()), now)) {
                verify(m); // alone: its bad signatures would have the whole batch checked again one by one
            } else {
                messages.add(m);
            }
        }
        if (messages.size() <= 1) {
            messages.forEach(this::verify);
            return;
        }
        long backoff = 100;
        while (!abandon) {
            long start = System.nanoTime();
            List<CheckedMessage> checked;
            try {
                checked = check.checkAll(messages);
            } catch (KeyCache.KeyLookupUnavailable e) {
                storeHealthy = false;
                LOG.warn("{}; retrying {} messages in {} ms", e.getMessage(), messages.size(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                continue;
            } catch (RuntimeException e) {
                LOG.error("checking {} messages together failed unexpectedly; checking each alone", messages.size(), e);
                messages.forEach(this::verify);
                return;
            }
            metrics.verifyTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.verifyBatch.record(messages.size());
            for (CheckedMessage c : checked) {
                noteBadSignature(c);
                laneOf(c).add(c);
            }
            return;
        }
    }

    /** A device whose signature failed is checked alone for a while ({@link SuspectDevices}). */
    private void noteBadSignature(CheckedMessage c) {
        if (c.verdict() instanceof RefusedMessage r && r.reason() == RejectionReason.BAD_SIGNATURE) {
            suspects.badSignature(deviceOf(c.message().topic()), System.nanoTime());
        }
    }

    private void verify(InboundMessage m) {
        long backoff = 100;
        while (!abandon) {
            long start = System.nanoTime();
            try {
                CheckedMessage c = check.check(m);
                metrics.verifyTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                metrics.verifyBatch.record(1);
                noteBadSignature(c);
                laneOf(c).add(c);
                return;
            } catch (KeyCache.KeyLookupUnavailable e) {
                storeHealthy = false;
                LOG.warn("{}; retrying in {} ms", e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            } catch (RuntimeException e) {
                LOG.error("checking a message on {} failed unexpectedly", m.topic(), e);
                CheckedMessage refused = CheckedMessage.refused(m, RejectionReason.MALFORMED_JWS, "could not be checked: " + e, null);
                laneOf(refused).add(refused);
                return;
            }
        }
    }

    private void writeLoop(BlockingQueue<CheckedMessage> checked) {
        List<CheckedMessage> batch = new ArrayList<>(settings.batchSize());
        while (!abandon) {
            try {
                CheckedMessage first = checked.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (draining && verifyLanes.isTerminated() && checked.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long bytes = first.message().payload().length;
                long deadline = System.nanoTime() + settings.batchDelay().toNanos();
                long idle = settings.batchIdle().toNanos();
                while (batch.size() < settings.batchSize() && bytes < settings.batchBytes()) {
                    // Also flush when the stream pauses: a broker that sends only a few messages
                    // before it wants acknowledgements (Mosquitto: 20) waits for this batch.
                    long left = Math.min(deadline - System.nanoTime(), idle);
                    CheckedMessage next = left > 0 ? checked.poll(left, TimeUnit.NANOSECONDS) : checked.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    bytes += next.message().payload().length;
                    // then what is already waiting, up to the batch's bounds
                    while (batch.size() < settings.batchSize() && bytes < settings.batchBytes()
                            && (next = checked.poll()) != null) {
                        batch.add(next);
                        bytes += next.message().payload().length;
                    }
                }
                if (commit(batch)) {
                    for (CheckedMessage c : batch) {
                        ack.accept(c.message());
                    }
                    bound.release(batch.size(), bytes);
                }
                batch = new ArrayList<>(settings.batchSize());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Writes the batch, retrying while the database is away. False only when abandoned at shutdown. */
    private boolean commit(List<CheckedMessage> batch) {
        long backoff = 100;
        while (!abandon) {
            long start = System.nanoTime();
            try {
                write(batch);
                metrics.commitTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                metrics.batchSize.record(batch.size());
                if (!storeHealthy) {
                    LOG.info("database reachable again; ingest resumed");
                    storeHealthy = true;
                }
                return true;
            } catch (SQLException e) {
                metrics.commitFailures.increment();
                if (storeHealthy) {
                    LOG.warn("batch of {} not stored ({}); holding acknowledgements and retrying", batch.size(), e.getMessage());
                }
                storeHealthy = false;
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        return false;
    }

    private void write(List<CheckedMessage> batch) throws SQLException {
        try {
            record(writer.write(batch.stream().map(CheckedMessage::verdict).toList()));
        } catch (SQLException | RuntimeException e) {
            // A failure of the writer's own code is handled as a refusal: the batch is split until the
            // message that causes it is found and kept as rejected. Unhandled, it would end the writer
            // thread and with it every later acknowledgement, silently.
            if (e instanceof SQLException sql && TransientFailures.isTransient(sql)) {
                throw sql;
            }
            if (batch.size() == 1) {
                storeAsRefused(batch.get(0), e);
                return;
            }
            int half = batch.size() / 2;
            write(batch.subList(0, half));
            write(batch.subList(half, batch.size()));
        }
    }

    /** The one message the database refuses is kept as a rejection, so the stream goes on. */
    private void storeAsRefused(CheckedMessage only, Exception why) throws SQLException {
        if (why instanceof SQLException) {
            LOG.error("the database refuses a message on {}: {}", only.message().topic(), why.getMessage());
        } else {
            LOG.error("storing a message on {} failed unexpectedly", only.message().topic(), why);
        }
        try {
            record(writer.write(List.of(CheckedMessage.refused(only.message(), RejectionReason.STORE_FAILED,
                    "the database refused it: " + why.getMessage(), deviceOf(only.verdict())).verdict())));
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException sql && TransientFailures.isTransient(sql)) {
                throw sql;
            }
            // Not even its rejection can be stored; the log line above is all that remains.
            metrics.rejected(RejectionReason.STORE_FAILED);
            LOG.error("the rejection could not be stored either: {}", e.getMessage());
        }
    }

    private static String deviceOf(MessageVerdict v) {
        return v instanceof AcceptedEnvelope a ? a.envelope().dev() : ((RefusedMessage) v).deviceId();
    }

    private void record(BatchOutcome o) {
        metrics.stored.increment(o.stored());
        metrics.readings.increment(o.readings());
        metrics.events.increment(o.events());
        metrics.duplicates.increment(o.duplicates());
        for (RefusedMessage r : o.refused()) {
            metrics.rejected(r.reason());
            LOG.info("rejected {} on {}: {}", r.reason(), r.origin().label(), r.detail());
        }
    }

    public boolean storeHealthy() {
        return storeHealthy;
    }

    /** True once the writer thread has ended on an error (readiness reports it). */
    public boolean writerFailed() {
        return writerFailed;
    }

    /** Waits until no message has arrived for {@code quietMillis}, at most {@code maxMillis}. */
    public void awaitQuiet(long quietMillis, long maxMillis) {
        long deadline = System.currentTimeMillis() + maxMillis;
        while (System.currentTimeMillis() < deadline
                && System.nanoTime() - lastArrivalNanos < TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
            sleep(20); // polling the arrival clock during shutdown
        }
    }

    /**
     * Stops taking messages, finishes and commits what it holds, acknowledges it, then returns.
     * Whatever cannot be committed within {@code grace} stays unacknowledged for the broker to redeliver.
     */
    public void drain(long graceMillis) {
        accepting = false;
        verifyLanes.shutdown();
        draining = true;
        try {
            long deadline = System.currentTimeMillis() + graceMillis;
            verifyLanes.awaitTermination(graceMillis);
            for (Thread t : writerThreads) {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandon = true;
    }

    @Override
    public void close() {
        drain(10_000);
        verifyLanes.shutdownNow();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
