package org.prooftrail.store.epcis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.prooftrail.store.registry.Organisations;

/** Capture job rows (table epcis_capture_job), the only writer of that table. Blocking. */
public final class CaptureJobs {
    /**
     * A job still running after this long was cut off (its server stopped mid-capture). Success is
     * committed in the same transaction as the events, so such a job stored nothing and is reported
     * as failed rather than running forever.
     */
    public static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private final DataSource db;

    public CaptureJobs(DataSource db) {
        this.db = db;
    }

    /** A job is started only for a registered organisation; the registry answers. */
    public boolean organisationExists(String org) throws SQLException {
        return new Organisations(db).exists(org);
    }

    public void create(String id, String org, String subject, int events) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement(
                     "INSERT INTO epcis_capture_job (id, org_id, subject, event_count) VALUES (?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setString(2, org);
            st.setString(3, subject);
            st.setInt(4, events);
            st.executeUpdate();
        }
    }

    /**
     * Marks success in the capture's own transaction, so the job says success only if the events are
     * there. False when the job has outlived {@link #ABANDONED_AFTER} and is already reported as failed.
     */
    static boolean succeed(Connection c, String id, Long chunkId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE epcis_capture_job SET running = false, success = true, "
                + "finished_at = clock_timestamp(), chunk_id = ? WHERE id = ? AND created_at >= clock_timestamp() - ?::interval")) {
            if (chunkId == null) {
                st.setNull(1, java.sql.Types.BIGINT);
            } else {
                st.setLong(1, chunkId);
            }
            st.setString(2, id);
            st.setString(3, ABANDONED_AFTER.toSeconds() + " seconds");
            return st.executeUpdate() == 1;
        }
    }

    /**
     * Records, in the capture's own transaction after its success, the events the job refused while
     * storing the others (GS1-Capture-Error-Behaviour proceed): the job is then not a success, and
     * its errors say which events were refused and why.
     *
     * @param errorsJson the errors as a JSON array
     */
    public static void refusedSome(Connection c, String id, String errorsJson) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE epcis_capture_job SET success = false, errors = ?::jsonb WHERE id = ?")) {
            st.setString(1, errorsJson);
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    /** One event a job stored, as its per-event result shows it. */
    public record StoredEvent(String eventId, String type, java.time.Instant eventTime, String bizStep) {
    }

    /** The events stored in a job's chunk, in document order, at most {@code limit}. */
    public java.util.List<StoredEvent> storedEvents(long chunkId, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT ev.event_id, ev.event_type, ev.event_time, ev.biz_step "
                     + "FROM envelope en JOIN epcis_event ev ON ev.envelope_id = en.id WHERE en.chunk_id = ? "
                     + "ORDER BY en.leaf_index LIMIT ?")) {
            st.setLong(1, chunkId);
            st.setInt(2, limit);
            java.util.List<StoredEvent> out = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)));
                }
            }
            return out;
        }
    }

    /** @param errorsJson the errors as a JSON array */
    public void fail(String id, String errorsJson) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE epcis_capture_job SET running = false, success = false, "
                     + "finished_at = clock_timestamp(), errors = ?::jsonb WHERE id = ?")) {
            st.setString(1, errorsJson);
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    /** Where a page of jobs ended: the last job's creation time (epoch microseconds) and id. */
    public record Before(long createdMicros, String id) {
    }

    /**
     * Jobs newest first, as the caller may see them (with {@code onlyOrg}, only that organisation's),
     * at most {@code limit}, older than {@code before} (null for the first page).
     */
    public java.util.List<CaptureJob> list(String onlyOrg, Before before, int limit) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM epcis_capture_job "
                     + "WHERE (?::text IS NULL OR org_id = ?) AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?)) "
                     + "ORDER BY created_at DESC, id DESC LIMIT ?")) {
            st.setString(1, ABANDONED_AFTER.toSeconds() + " seconds");
            st.setString(2, onlyOrg);
            st.setString(3, onlyOrg);
            Timestamp at = before == null ? null
                    : Timestamp.from(java.time.Instant.EPOCH.plus(before.createdMicros(), java.time.temporal.ChronoUnit.MICROS));
            st.setTimestamp(4, at);
            st.setTimestamp(5, at);
            st.setString(6, before == null ? null : before.id());
            st.setInt(7, limit);
            java.util.List<CaptureJob> out = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(job(rs));
                }
            }
            return out;
        }
    }

    private static final String JOB_COLUMNS = "id, org_id, created_at, finished_at, running, success, "
            + "errors::text, event_count, chunk_id, running AND created_at < now() - ?::interval";

    private static CaptureJob job(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(4);
        long chunk = rs.getLong(9);
        Long chunkId = rs.wasNull() ? null : chunk;
        return new CaptureJob(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                finished == null ? null : finished.toInstant(), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7),
                rs.getInt(8), chunkId, rs.getBoolean(10));
    }

    /** The job as the caller may see it: with {@code onlyOrg}, only that organisation's jobs. */
    public Optional<CaptureJob> find(String id, String onlyOrg) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT id, org_id, created_at, finished_at, running, success, "
                     + "errors::text, event_count, chunk_id, running AND created_at < now() - ?::interval FROM epcis_capture_job WHERE id = ? AND (?::text IS NULL OR org_id = ?)")) {
            st.setString(1, ABANDONED_AFTER.toSeconds() + " seconds");
            st.setString(2, id);
            st.setString(3, onlyOrg);
            st.setString(4, onlyOrg);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp finished = rs.getTimestamp(4);
                long chunk = rs.getLong(9);
                Long chunkId = rs.wasNull() ? null : chunk;
                return Optional.of(new CaptureJob(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        finished == null ? null : finished.toInstant(), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7),
                        rs.getInt(8), chunkId, rs.getBoolean(10)));
            }
        }
    }
}
