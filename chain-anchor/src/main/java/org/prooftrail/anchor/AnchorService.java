package org.prooftrail.anchor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.ledger.Ledger;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.anchor.log.LogStore;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.core.config.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anchor role. One process at a time is active: it holds a PostgreSQL advisory lock on its own
 * connection and does every write through that connection, so losing the connection means losing
 * the lock and the right to write. Others wait as standbys and take over within about a second.
 * Each interval, when ingest has committed new chunks, the active anchorer appends their roots to the
 * log (in the order it finds them), signs a checkpoint and publishes it to the ledger.
 */
public final class AnchorService implements ReadinessCheck, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorService.class);
    /** "PROOFTRL" as a number: the advisory lock that makes one anchorer active. */
    static final long LOCK_KEY = 0x50524F4F4654524CL;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnchorSettings settings;
    private final DatabaseSettings lockDatabase;
    private final Ledger ledger;
    private final LogKey logKey;
    private final MerkleHasher hasher;
    private final Thread loop;
    private final Counter checkpoints;
    private final AtomicLong treeSize = new AtomicLong(-1);
    private volatile boolean running = true;
    private volatile boolean active;
    private volatile String problem;
    private volatile String ledgerProblem;
    private long lastSigned;
    private long lastPublishAttempt;
    private Connection lock;
    private MerkleTree log;
    private byte[] previousNoteHash;

    /**
     * @param lockDatabase the anchorer's own connection (lock and writes) is opened here, never taken from a
     *                     pool: a pool would keep the session, and the lock, alive after stepping down
     */
    public AnchorService(AnchorSettings settings, DatabaseSettings lockDatabase, Ledger ledger, MeterRegistry metrics) {
        this.settings = settings;
        this.lockDatabase = lockDatabase;
        this.ledger = ledger;
        this.logKey = new LogKey(settings.origin(), settings.logKey().verifyingKey());
        this.hasher = MerkleHasher.byName(settings.hashAlg());
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
        return logKey;
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
                if (ledgerProblem == null) {
                    problem = null;
                }
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
        Connection c = DriverManager.getConnection(lockDatabase.url(), lockDatabase.user(), lockDatabase.password());
        boolean locked = false;
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, LOCK_KEY);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                locked = rs.getBoolean(1);
            }
        } finally {
            if (!locked) {
                c.close();
            }
        }
        if (!locked) {
            return;
        }
        lock = c;
        log = MerkleTree.of(hasher, LogStore.loggedRoots(c).stream().map(hasher::hashLeaf).toList());
        LogStore.StoredCheckpoint latest = LogStore.latest(c);
        previousNoteHash = latest == null ? null : LogStore.noteHash(latest.note());
        treeSize.set(log.size());
        active = true;
        LOG.info("anchorer active: log of {} chunk roots, latest checkpoint at size {}", log.size(),
                latest == null ? 0 : latest.treeSize());
    }

    private void tick(long now) throws SQLException {
        List<LogStore.PendingChunk> pending = LogStore.pending(lock, 10_000);
        if (!pending.isEmpty()) {
            appendAndSign(pending);
            lastSigned = now;
        }
        if (!pending.isEmpty() || now - lastPublishAttempt >= settings.interval().toMillis()) {
            lastPublishAttempt = now;
            publishPending();
        }
    }

    private void appendAndSign(List<LogStore.PendingChunk> pending) throws SQLException {
        long first = log.size();
        lock.setAutoCommit(false);
        try {
            LogStore.assign(lock, pending, first);
            for (LogStore.PendingChunk p : pending) {
                log.append(hasher.hashLeaf(p.root()));
            }
            Checkpoint cp = new Checkpoint(settings.origin(), log.size(), log.root());
            String note = SignedNote.sign(cp.body(previousNoteHash), logKey, settings.logKey());
            LogStore.insertCheckpoint(lock, settings.origin(), cp.size(), cp.root(), note, previousNoteHash, ledger.name());
            lock.commit();
            previousNoteHash = LogStore.noteHash(note);
            treeSize.set(log.size());
            checkpoints.increment();
            LOG.debug("checkpoint at size {}", cp.size());
        } catch (SQLException | RuntimeException e) {
            try {
                lock.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; stepping down follows
            }
            throw e;
        } finally {
            try {
                lock.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    /** Ledger publication is retried each tick until it succeeds; the checkpoint itself is already safe. */
    private void publishPending() throws SQLException {
        ledgerProblem = null;
        for (LogStore.StoredCheckpoint cp : LogStore.unpublished(lock, 20)) {
            try {
                Receipt r = ledger.publish(cp.note());
                LogStore.storeReceipt(lock, cp.id(), JSON.writeValueAsString(r));
            } catch (LedgerException e) {
                ledgerProblem = "ledger " + ledger.name() + ": " + e.getMessage();
                problem = ledgerProblem;
                LOG.warn("checkpoint at size {} not yet published to {}: {}", cp.treeSize(), ledger.name(), e.getMessage());
                return;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
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
