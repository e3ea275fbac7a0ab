package org.prooftrail.anchor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.ledger.Ledger;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.store.log.LogAppender;
import org.prooftrail.store.log.LogWriterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anchor role. One process at a time is active: it holds a PostgreSQL advisory lock on its own
 * connection and does every write through that connection, so losing the connection means losing
 * the lock and the right to write. Others wait as standbys and take over within about a second.
 * Each interval, when ingest has committed new chunks, the active anchorer appends their roots to the
 * log (in the order it finds them), signs a checkpoint and publishes it to the ledger: one
 * {@link AnchorStep}, the same that demos and tests run once.
 */
public final class AnchorService implements ReadinessCheck, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorService.class);

    private final AnchorSettings settings;
    private final DatabaseSettings lockDatabase;
    private final Ledger ledger;
    private final AnchorStep step;
    private final Thread loop;
    private final Counter checkpoints;
    private final AtomicLong treeSize = new AtomicLong(-1);
    private volatile boolean running = true;
    private volatile boolean active;
    private volatile String problem;
    private volatile String ledgerProblem;
    private volatile String witnessProblem;
    private long lastWitnessWarning;
    private long lastSigned;
    private long lastPublishAttempt;
    private Connection lock;

    /**
     * @param lockDatabase the anchorer's own connection (lock and writes) is opened here, never taken from a
     *                     pool: a pool would keep the session, and the lock, alive after stepping down
     */
    public AnchorService(AnchorSettings settings, DatabaseSettings lockDatabase, Ledger ledger, MeterRegistry metrics) {
        this.settings = settings;
        this.lockDatabase = lockDatabase;
        this.ledger = ledger;
        this.step = new AnchorStep(settings.origin(), settings.logKey(), MerkleHasher.byName(settings.hashAlg()), ledger,
                settings.witnesses());
        this.checkpoints = Counter.builder("pt_anchor_checkpoints").description("checkpoints signed").register(metrics);
        metrics.gauge("pt_anchor_active", this, a -> a.active ? 1 : 0);
        metrics.gauge("pt_anchor_tree_size", treeSize);
        this.loop = new Thread(this::run, "pt-anchor");
        loop.setDaemon(true);
    }

    public AnchorService start() {
        loop.start();
        return this;
    }

    public LogKey logKey() {
        return step.logKey();
    }

    public boolean isActive() {
        return active;
    }

    private void run() {
        long interval = settings.interval().toMillis();
        // Look often, sign at most once per interval: a reading that arrives after a quiet spell is
        // in a checkpoint within a fraction of a second, and a busy log still gets one per interval.
        long poll = Math.min(interval, 100);
        long lastAttempt = 0;
        while (running) {
            long now = System.currentTimeMillis();
            try {
                if (!active && now - lastAttempt >= Math.max(interval, 1_000)) {
                    lastAttempt = now;
                    tryToBecomeActive();
                }
                if (active && now - lastSigned >= interval) {
                    tick(now);
                }
                problem = witnessProblem != null ? witnessProblem : ledgerProblem;
            } catch (SQLException e) {
                problem = "database: " + e.getMessage();
                LOG.warn("anchoring paused: {}", e.getMessage());
                stepDown();
            } catch (RuntimeException e) {
                problem = e.toString();
                LOG.error("anchoring failed", e);
                stepDown();
            }
            pause(poll);
        }
        stepDown();
    }

    private void tryToBecomeActive() throws SQLException {
        Connection c = LogWriterLock.tryAcquire(lockDatabase);
        if (c == null) {
            return;
        }
        lock = c;
        long started = System.nanoTime();
        LogAppender.Loaded loaded = step.load(c);
        treeSize.set(loaded.logSize());
        active = true;
        // The takeover time is what bounds a failover: said here so an operator (and the growth benchmark) sees it.
        LOG.info("anchorer active: log of {} chunk roots, latest checkpoint at size {}, taken over in {} ms; the log's"
                        + " verifier key for witnesses: {}", loaded.logSize(), loaded.checkpointSize(),
                (System.nanoTime() - started) / 1_000_000, step.logKey().vkey().encode());
    }

    private void tick(long now) throws SQLException {
        Optional<LogAppender.Appended> appended = step.appendPending(lock);
        if (appended.isPresent()) {
            treeSize.set(appended.get().treeSize());
            checkpoints.increment();
            LOG.debug("checkpoint at size {}", appended.get().treeSize());
            lastSigned = now;
        }
        if (appended.isPresent() || now - lastPublishAttempt >= settings.interval().toMillis()) {
            lastPublishAttempt = now;
            cosignHeld(now);
            publishPending();
        }
    }

    /**
     * A checkpoint without its quorum is held back, not lost: it is retried every interval, and a later
     * one supersedes it, so publishing resumes by itself when enough witnesses answer again. The anchorer
     * is unready meanwhile, with the reason, and says so in the log at most once a minute.
     */
    private void cosignHeld(long now) throws SQLException {
        Optional<AnchorStep.Held> held = step.cosignHeld(lock);
        if (held.isEmpty()) {
            if (witnessProblem != null) {
                LOG.info("witnesses cosign again: checkpoints are published");
            }
            witnessProblem = null;
            return;
        }
        String why = "checkpoint at size " + held.get().treeSize() + " held back: " + held.get().reason();
        if (witnessProblem == null || now - lastWitnessWarning >= 60_000) {
            lastWitnessWarning = now;
            LOG.warn("{}", why);
        }
        witnessProblem = why;
    }

    /** Ledger publication is retried each tick until it succeeds; the checkpoint itself is already safe. */
    private void publishPending() throws SQLException {
        ledgerProblem = null;
        Optional<AnchorStep.NotPublished> failed = step.publishUnpublished(lock);
        if (failed.isPresent()) {
            ledgerProblem = "ledger " + ledger.name() + ": " + failed.get().cause().getMessage();
            problem = ledgerProblem;
            LOG.warn("checkpoint at size {} not yet published to {}: {}", failed.get().treeSize(), ledger.name(),
                    failed.get().cause().getMessage());
        }
    }

    private void stepDown() {
        if (lock != null) {
            try {
                lock.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            lock = null;
        }
        if (active && running) {
            LOG.warn("anchorer no longer active; trying to become active again");
        } else if (active) {
            LOG.info("anchorer stopped");
        }
        active = false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the loop's polling period, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "anchor";
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ledger.close();
    }
}
