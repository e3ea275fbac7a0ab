package org.prooftrail.store.scans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts public lookups (tables {@code scan} and {@code scan_summary}, migrations V8 and V11; this is
 * their only writer) off the request path: a lookup adds its scan to a bounded queue in memory and
 * gets its code's summary as written (read with the code, {@link StoredScans}) plus the scans still
 * in memory. One thread ({@code pt-scan-writer}) writes the queue every {@link #FLUSH_EVERY} or as
 * soon as {@link #BATCH} scans wait, in one statement that stores the rows, updates each code's
 * summary and returns the items (serial not empty) whose distinct regions it made reach the threshold;
 * each of those raises one {@link CloneWarnings} alert in the same transaction. What a crash loses: the scans not yet written, at most one flush interval of lookups (or
 * up to {@link #CAPACITY} while the database is unreachable; past that, new scans are dropped and
 * counted in {@link #dropped()}, as is a batch the table refuses). A summary read while a batch commits may be off by that batch.
 * Kept: the time and a coarse region from a CDN header ({@code CF-IPCountry}, else {@code X-Region}),
 * never an IP address or anything else about the person.
 */
public final class ScanLog implements AutoCloseable {
    public static final Duration FLUSH_EVERY = Duration.ofMillis(200);
    public static final int BATCH = 1_000;
    public static final int CAPACITY = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(ScanLog.class);
    static final String WRITE = "WITH b AS (SELECT b.gtin::char(14) AS gtin, b.lot, b.serial, b.region, b.at, b.dispensed "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) "
            + "AS b(gtin, lot, serial, region, at, dispensed)), "
            + "stored AS (INSERT INTO scan (scanned_at, gtin, lot, serial, region) SELECT at, gtin, lot, serial, region FROM b), "
            + "summed AS (INSERT INTO scan_summary AS s (gtin, lot, serial, lookups, first_at, last_at, regions, after_dispensing) "
            + "SELECT gtin, CASE WHEN serial = '' THEN lot ELSE '' END, serial, count(*), min(at), max(at), "
            + "coalesce(array_agg(DISTINCT region) FILTER (WHERE region <> 'unknown'), '{}'), "
            + "count(*) FILTER (WHERE at > dispensed) FROM b GROUP BY 1, 2, 3 ORDER BY 1, 3, 2 "
            // sorted, so that two API replicas writing the same codes lock their rows in the same order
            + "ON CONFLICT (gtin, serial, lot) DO UPDATE SET lookups = s.lookups + excluded.lookups, "
            + "first_at = least(s.first_at, excluded.first_at), last_at = greatest(s.last_at, excluded.last_at), "
            + "regions = CASE WHEN excluded.regions <@ s.regions OR cardinality(s.regions) >= 1000 THEN s.regions "
            + "ELSE ARRAY(SELECT DISTINCT r FROM unnest(s.regions || excluded.regions) AS r ORDER BY r LIMIT 1000) END, "
            + "after_dispensing = s.after_dispensing + excluded.after_dispensing "
            + "RETURNING gtin, serial, lookups, first_at, last_at, regions) "
            // the items this batch made reach the threshold: scan_summary read here is the summary before this
            // statement (its snapshot); a replica's batch committed meanwhile may make both raise, which V35's index allows once
            + "SELECT u.gtin, i.lot, u.serial, p.org_id, u.regions, u.lookups, u.first_at, u.last_at FROM summed u "
            + "JOIN item i ON i.gtin = u.gtin AND i.serial = u.serial JOIN product p ON p.gtin = u.gtin "
            + "LEFT JOIN scan_summary o ON o.gtin = u.gtin AND o.serial = u.serial AND o.lot = '' "
            + "WHERE u.serial <> '' AND cardinality(u.regions) >= ? AND coalesce(cardinality(o.regions), 0) < ?";

    /** A code as counted: an item whatever lot its link named, a lot, or a product. */
    public record Code(String gtin, String lot, String serial) {
        /** Lot and serial are "" for product and lot lookups. */
        public static Code of(String gtin, String lot, String serial) {
            return new Code(gtin, serial.isEmpty() ? lot : "", serial);
        }
    }

    private record Scan(String gtin, String lot, String serial, String region, Instant at, Instant dispensedAt) {
    }

    /** Lookups of one code held in memory. */
    private static final class Pending {
        long count;
        Instant since;
        final Set<String> regions = new HashSet<>();
        final List<Instant> times = new ArrayList<>();

        void add(Scan s) {
            count++;
            since = since == null || s.at().isBefore(since) ? s.at() : since;
            if (!"unknown".equals(s.region())) {
                regions.add(s.region());
            }
            times.add(s.at());
        }
    }

    private final Database db;
    private final int regionThreshold;
    private final ScheduledExecutorService writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong cloneWarnings = new AtomicLong();
    private final Object lock = new Object();
    private final Object flushing = new Object();
    private List<Scan> waiting = new ArrayList<>();
    private Map<Code, Pending> waitingByCode = new HashMap<>();
    private Map<Code, Pending> writingByCode = Map.of();
    private boolean flushAsked;

    /**
     * @param db              where scans are written (by this log's own thread); null writes nothing (tests of the summary)
     * @param regionThreshold distinct regions from which lookups of one code become suspicious
     */
    public ScanLog(Database db, int regionThreshold) {
        this.db = db;
        this.regionThreshold = regionThreshold;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pt-scan-writer");
            t.setDaemon(true);
            return t;
        });
        long every = FLUSH_EVERY.toMillis();
        writer.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts one lookup and sums up the code's lookups, this one included: those written
     * ({@code stored}) and those still in memory. Lot and serial are "" for product and lot lookups.
     */
    public ScanSummary record(StoredScans stored, String gtin, String lot, String serial, String region,
                              Instant dispensedAt) {
        return count(tally(stored, gtin, lot, serial, dispensedAt), region);
    }

    /**
     * A code's lookups as known now: those written ({@code stored}, read with the code) and those in
     * memory. A reader that keeps the code in memory keeps its tally too and counts each further
     * lookup through it ({@link #count}): once in memory, a lookup is in the tally whether or not it
     * has been written since, so the count never goes back. Lookups served by other API processes
     * join it when the reader reads the code again.
     */
    public Tally tally(StoredScans stored, String gtin, String lot, String serial, Instant dispensedAt) {
        Code code = Code.of(gtin, lot, serial);
        Pending queued;
        Pending writing;
        synchronized (lock) {
            queued = copy(waitingByCode.get(code));
            writing = copy(writingByCode.get(code));
        }
        Tally t = new Tally(code, lot, stored, dispensedAt);
        for (Pending p : new Pending[] {writing, queued}) {
            if (p != null) {
                p.times.forEach(at -> t.add(at, null));
                t.regions.addAll(p.regions);
            }
        }
        return t;
    }

    /** Counts one lookup of the tally's code: queued for writing, and added to the tally. */
    public ScanSummary count(Tally t, String region) {
        Scan scan = new Scan(t.code.gtin(), t.lot, t.code.serial(), region,
                Instant.now().truncatedTo(ChronoUnit.MICROS), t.dispensedAt);
        synchronized (lock) {
            if (waiting.size() >= CAPACITY) {
                dropped.incrementAndGet();
            } else {
                waiting.add(scan);
                waitingByCode.computeIfAbsent(t.code, k -> new Pending()).add(scan);
                if (waiting.size() >= BATCH && !flushAsked) {
                    flushAsked = true;
                    writer.execute(this::flushQuietly);
                }
            }
        }
        return t.add(scan.at(), region);
    }

    /** One code's lookups: what was written and in memory when it was made, and every lookup counted through it since. */
    public final class Tally {
        private final Code code;
        private final String lot;
        private final Instant dispensedAt;
        private final Set<String> regions;
        private long count;
        /**
         * The first lookup in microseconds since the epoch, {@link #NEVER} for none. A number, not an
         * Instant: a tally lives as long as its kept journey, in the old generation, and a new Instant
         * stored into it at a code's first lookup is a reference from old to young that the next young
         * collections scan (with a fresh population, every code's first lookup: tens of thousands of
         * cards a collection, pauses of 100 ms, docs/benchmarks.md).
         */
        private long sinceMicros;
        private long after;

        private Tally(Code code, String lot, StoredScans stored, Instant dispensedAt) {
            this.code = code;
            this.lot = lot;
            this.dispensedAt = dispensedAt;
            this.regions = new HashSet<>(stored.regions());
            this.count = stored.count();
            this.sinceMicros = stored.since() == null ? NEVER : micros(stored.since());
            this.after = stored.afterDispensing();
        }

        private synchronized ScanSummary add(Instant at, String region) {
            count++;
            sinceMicros = Math.min(sinceMicros, micros(at));
            if (region != null && !"unknown".equals(region)) {
                regions.add(region);
            }
            if (dispensedAt != null && at.isAfter(dispensedAt)) {
                after++;
            }
            boolean dispensed = dispensedAt != null && !dispensedAt.isAfter(at);
            Instant since = sinceMicros == NEVER ? null : Instant.EPOCH.plus(sinceMicros, ChronoUnit.MICROS);
            return new ScanSummary(count, since, regions.size(), dispensed ? after : 0, regions.size() >= regionThreshold);
        }
    }

    private static final long NEVER = Long.MAX_VALUE;

    /** Scans are kept to the microsecond (PostgreSQL's timestamptz), so nothing is lost. */
    private static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    private static Pending copy(Pending p) {
        if (p == null) {
            return null;
        }
        Pending c = new Pending();
        c.count = p.count;
        c.since = p.since;
        c.regions.addAll(p.regions);
        c.times.addAll(p.times);
        return c;
    }

    /** Writes what waits, now, on the caller's thread (the writer's own, or a test's). */
    public void flush() throws SQLException {
        synchronized (flushing) {
            flushOnce();
        }
    }

    private void flushOnce() throws SQLException {
        List<Scan> batch;
        synchronized (lock) {
            flushAsked = false;
            if (waiting.isEmpty() || db == null) {
                return;
            }
            batch = waiting;
            writingByCode = waitingByCode;
            waiting = new ArrayList<>();
            waitingByCode = new HashMap<>();
        }
        try (Connection c = db.connection()) {
            List<CloneWarnings.Raised> raised = writeInOneTransaction(c, batch);
            written.addAndGet(batch.size());
            synchronized (lock) {
                writingByCode = Map.of();
            }
            for (CloneWarnings.Raised r : raised) {
                cloneWarnings.incrementAndGet();
                LOG.warn("pack {} (organisation {}) was looked up from {} regions ({}), the threshold being {}: "
                        + "a copied code is likely; clone-warning alert {} raised", r.subject(), r.orgId(),
                        r.regions().size(), String.join(", ", r.regions()), regionThreshold, r.alertId());
            }
        } catch (SQLException | RuntimeException e) {
            synchronized (lock) {
                if (refused(e)) {
                    // data the table refuses would block every later batch: dropped, counted, reported
                    dropped.addAndGet(batch.size());
                    writingByCode = Map.of();
                    throw e;
                }
                // back in front of what came since, as far as room allows; the rest is lost and counted
                List<Scan> again = new ArrayList<>(batch);
                again.addAll(waiting);
                int over = Math.max(0, again.size() - CAPACITY);
                dropped.addAndGet(over);
                waiting = new ArrayList<>(again.subList(over, again.size()));
                waitingByCode = new HashMap<>();
                for (Scan s : waiting) {
                    waitingByCode.computeIfAbsent(Code.of(s.gtin(), s.lot(), s.serial()), k -> new Pending()).add(s);
                }
                writingByCode = Map.of();
            }
            throw e;
        }
    }

    /** A data or constraint error (SQLSTATE classes 22, 23): writing the same batch again cannot succeed. */
    private static boolean refused(Exception e) {
        String state = e instanceof SQLException s ? s.getSQLState() : null;
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("scan log: {} lookups wait to be written: {}", waiting(), e.getMessage());
        }
    }

    /** The scans and the clone warnings they raise commit together: a crash cannot keep one without the other. */
    private List<CloneWarnings.Raised> writeInOneTransaction(Connection c, List<Scan> batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            List<CloneWarnings.Raised> raised = CloneWarnings.raise(c, write(c, batch), regionThreshold);
            c.commit();
            return raised;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Writes the batch; returns the items it made reach the region threshold. */
    private List<CloneWarnings.Crossing> write(Connection c, List<Scan> batch) throws SQLException {
        int n = batch.size();
        Object[] gtin = new Object[n];
        Object[] lot = new Object[n];
        Object[] serial = new Object[n];
        Object[] region = new Object[n];
        Object[] at = new Object[n];
        Object[] dispensed = new Object[n];
        for (int i = 0; i < n; i++) {
            Scan s = batch.get(i);
            gtin[i] = s.gtin();
            lot[i] = s.lot();
            serial[i] = s.serial();
            region[i] = s.region();
            at[i] = Timestamp.from(s.at());
            dispensed[i] = s.dispensedAt() == null ? null : Timestamp.from(s.dispensedAt());
        }
        try (PreparedStatement st = c.prepareStatement(WRITE)) {
            st.setArray(1, c.createArrayOf("text", gtin));
            st.setArray(2, c.createArrayOf("text", lot));
            st.setArray(3, c.createArrayOf("text", serial));
            st.setArray(4, c.createArrayOf("text", region));
            st.setArray(5, c.createArrayOf("timestamptz", at));
            st.setArray(6, c.createArrayOf("timestamptz", dispensed));
            st.setInt(7, regionThreshold);
            st.setInt(8, regionThreshold);
            List<CloneWarnings.Crossing> crossed = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    crossed.add(new CloneWarnings.Crossing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            List.of((String[]) rs.getArray(5).getArray()), rs.getLong(6), rs.getTimestamp(7).toInstant(),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return crossed;
        }
    }

    /** Lookups counted but not yet written. */
    public int waiting() {
        synchronized (lock) {
            return waiting.size() + writingByCode.values().stream().mapToInt(p -> (int) p.count).sum();
        }
    }

    /** Lookups dropped because the queue was full (the database unreachable for long). */
    public long dropped() {
        return dropped.get();
    }

    /** Clone-warning alerts this log raised since start (another replica may raise others). */
    public long cloneWarnings() {
        return cloneWarnings.get();
    }

    /** Lookups written since start. */
    public long written() {
        return written.get();
    }

    /** Stops the writer after writing what waits (graceful shutdown). */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("scan log: {} lookups not written at shutdown: {}", waiting(), e.getMessage());
        }
    }
}
