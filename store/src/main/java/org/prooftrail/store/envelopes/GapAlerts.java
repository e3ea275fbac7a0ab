package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.prooftrail.store.alerts.Alerts;
import org.prooftrail.store.alerts.NewAlert;

/**
 * The one writer of {@code seq_gap_alert}: loss that stayed. A run of missing seqs that is still open
 * some time after it was noticed (the envelope after it was stored) raises one {@code seq-gap} alert,
 * about {@code device/{id}} for the device's organisation; a run that late envelopes later split is
 * covered by the alert already raised, and several ingest replicas never raise one run twice (one
 * transaction-scoped advisory lock per look, and the run's key).
 *
 * <p>It looks only at devices whose stream is missing envelopes ({@code device_stream}) and that stored
 * something lately, reading each such device's envelopes in seq order as {@link DeviceGaps} does, from
 * where its previous look left off ({@code seq_gap_checked}, V42): every run below that was alerted
 * when due, and an envelope arriving late below it only splits such a run. The step at a stream reset
 * is no loss.
 */
public final class GapAlerts {
    public static final String KIND = "seq-gap";
    /** "PTGAPWCH" as a number: only one replica looks at a time. */
    private static final long LOCK = 0x5054474150574348L;

    /** A run that raised an alert. */
    public record RaisedGap(long alertId, String deviceId, String orgId, long fromSeq, long toSeq, Instant noticedAt) {
        public long missing() {
            return toSeq - fromSeq + 1;
        }
    }

    /**
     * One look.
     *
     * @param looked  false when another replica was looking (nothing was done)
     * @param dbTime  the database's time at the start of the look, for the next look's {@code seenSince}
     * @param raised  the alerts raised
     */
    public record Look(boolean looked, Instant dbTime, List<RaisedGap> raised) {
    }

    /** Missing envelopes in runs alerted since some time, and how many devices they belong to. */
    public record Recent(long missing, long devices) {
    }

    /**
     * The due runs, and the watermark moved up in the same statement: to the highest stored seq below the
     * first run that is not due yet (one revealed by an envelope younger than the setting), for every device
     * read, unless the look was cut at its limit (the runs past it are raised by the next look). Each
     * device's envelopes are read as a range of its (device_id, seq) index: joined plainly, the planner,
     * not knowing how short the ranges are, read the whole envelope table (1.2M rows) to hash it.
     */
    private static final String DUE = """
            WITH lossy AS (
                SELECT s.device_id, d.org_id, coalesce(w.checked_seq, 0) AS from_seq
                FROM device_stream s JOIN device d ON d.id = s.device_id
                LEFT JOIN seq_gap_checked w ON w.device_id = s.device_id
                WHERE s.max_seq - s.first_seq + 1 > s.stored_count
                  AND (?::timestamptz IS NULL OR s.last_seen >= ?::timestamptz)),
            stored AS (
                SELECT e.device_id, e.seq, e.received_at,
                       lag(e.seq) OVER (PARTITION BY e.device_id ORDER BY e.seq) AS prev_seq
                FROM lossy l CROSS JOIN LATERAL (
                    SELECT x.device_id, x.seq, x.received_at FROM envelope x
                    WHERE x.device_id = l.device_id AND x.seq >= l.from_seq ORDER BY x.seq) e),
            due AS (
                SELECT g.device_id, l.org_id, g.prev_seq + 1 AS from_seq, g.seq - 1 AS to_seq, g.received_at
                FROM stored g JOIN lossy l ON l.device_id = g.device_id
                WHERE g.seq - g.prev_seq > 1 AND g.received_at < now() - make_interval(secs => ?)
                  AND NOT EXISTS (SELECT 1 FROM seq_gap_alert a WHERE a.device_id = g.device_id
                                  AND a.from_seq <= g.prev_seq + 1 AND a.to_seq >= g.seq - 1)
                  AND NOT EXISTS (SELECT 1 FROM device_stream_reset r WHERE r.device_id = g.device_id
                                  AND r.previous_max_seq = g.prev_seq)
                ORDER BY g.device_id, g.prev_seq LIMIT ?),
            open AS (
                SELECT device_id, min(seq) AS seq FROM stored
                WHERE seq - prev_seq > 1 AND received_at >= now() - make_interval(secs => ?)
                GROUP BY device_id),
            checked AS (
                INSERT INTO seq_gap_checked AS w (device_id, checked_seq)
                SELECT g.device_id, max(g.seq) FROM stored g LEFT JOIN open o ON o.device_id = g.device_id
                WHERE (o.seq IS NULL OR g.seq < o.seq) AND (SELECT count(*) FROM due) < ?
                GROUP BY g.device_id
                ON CONFLICT (device_id) DO UPDATE SET checked_seq = greatest(w.checked_seq, excluded.checked_seq))
            SELECT device_id, org_id, from_seq, to_seq, received_at FROM due ORDER BY device_id, from_seq""";


    private final DataSource db;

    public GapAlerts(DataSource db) {
        this.db = db;
    }

    /**
     * Raises an alert for each open run noticed more than {@code olderThan} ago that no alert covers yet,
     * at most {@code limit} in one call. A device's runs are read only when its stream is missing
     * envelopes and, with {@code seenSince}, when it stored something since then: a run that became due
     * after the previous look was revealed by an envelope stored at most {@code olderThan} before that
     * look, so a watcher passes the previous look's {@link Look#dbTime()} less {@code olderThan} and a
     * margin, and null (every lossy device) for its first look or after a look that hit the limit.
     */
    public Look raiseDue(Duration olderThan, Instant seenSince, int limit) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant now = dbNow(c);
                List<RaisedGap> raised = new ArrayList<>();
                boolean looked = tryLock(c);
                if (looked) {
                    // PostgreSQL's JIT compiled this statement at every look (the planner's estimate is far
                    // above jit_above_cost): 1.9 s of CPU for a statement that runs in 0.1 s without it
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("SET LOCAL jit = off");
                    }
                    for (RaisedGap g : due(c, olderThan, seenSince, limit)) {
                        raised.add(raise(c, g));
                    }
                }
                c.commit();
                return new Look(looked, now, raised);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Missing envelopes in the runs alerted at or after {@code since}. */
    public Recent alertedSince(Instant since) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(sum(to_seq - from_seq + 1), 0), count(DISTINCT device_id) FROM seq_gap_alert WHERE raised_at >= ?")) {
            st.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Recent(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /**
     * Forgets how far looks have read a device's envelopes, in a stream reset's transaction: the new stream
     * may start below that point. Waits for a look in progress (its lock), so that the look cannot write
     * the old stream's point back after the reset.
     */
    static void forgetChecked(Connection c, String deviceId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
        try (PreparedStatement st = c.prepareStatement("DELETE FROM seq_gap_checked WHERE device_id = ?")) {
            st.setString(1, deviceId);
            st.executeUpdate();
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            st.setLong(1, LOCK);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Instant dbNow(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT now()"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static List<RaisedGap> due(Connection c, Duration olderThan, Instant seenSince, int limit) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(DUE)) {
            Timestamp since = seenSince == null ? null : Timestamp.from(seenSince);
            st.setTimestamp(1, since);
            st.setTimestamp(2, since);
            st.setDouble(3, olderThan.toMillis() / 1000.0);
            st.setInt(4, limit);
            st.setDouble(5, olderThan.toMillis() / 1000.0);
            st.setInt(6, limit);
            List<RaisedGap> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new RaisedGap(0, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }

    private static RaisedGap raise(Connection c, RaisedGap g) throws SQLException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("device", g.deviceId());
        details.put("fromSeq", Long.toString(g.fromSeq()));
        details.put("toSeq", Long.toString(g.toSeq()));
        details.put("missing", Long.toString(g.missing()));
        details.put("noticedAt", g.noticedAt().toString());
        long id = Alerts.raise(c, new NewAlert(KIND, "device/" + g.deviceId(), g.orgId(), details));
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO seq_gap_alert (device_id, from_seq, to_seq, alert_id) VALUES (?, ?, ?, ?)")) {
            st.setString(1, g.deviceId());
            st.setLong(2, g.fromSeq());
            st.setLong(3, g.toSeq());
            st.setLong(4, id);
            st.executeUpdate();
        }
        return new RaisedGap(id, g.deviceId(), g.orgId(), g.fromSeq(), g.toSeq(), g.noticedAt());
    }
}
