package org.prooftrail.api.epcis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.prooftrail.store.Database;

/** Capture job rows (table epcis_capture_job), shaped as the REST bindings' CaptureJob. Blocking. */
final class CaptureJobs {
    /**
     * A job still running after this long was cut off (its server stopped mid-capture). Success is
     * committed in the same transaction as the events, so such a job stored nothing and is reported
     * as failed rather than running forever.
     */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(15);

    private final Database db;

    CaptureJobs(Database db) {
        this.db = db;
    }

    boolean organisationExists(String org) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM organisation WHERE id = ?")) {
            st.setString(1, org);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    void create(String id, String org, String subject, int events) throws SQLException {
        try (Connection c = db.connection();
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

    void fail(String id, JsonArray errors) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("UPDATE epcis_capture_job SET running = false, success = false, "
                     + "finished_at = clock_timestamp(), errors = ?::jsonb WHERE id = ?")) {
            st.setString(1, errors.encode());
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    /** The job as the caller may see it: a company only its own organisation's jobs. */
    Optional<JsonObject> find(String id, String onlyOrg) throws SQLException {
        try (Connection c = db.connection();
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
                if (rs.getBoolean(10)) {
                    return Optional.of(new JsonObject().put("captureID", rs.getString(1))
                            .put("createdAt", rs.getTimestamp(3).toInstant().toString())
                            .put("running", false).put("success", false).put("captureErrorBehaviour", "rollback")
                            .put("errors", new JsonArray().add(new JsonObject()
                                    .put("type", "epcisException:ImplementationException").put("title", "Capture interrupted")
                                    .put("status", 500).put("detail", "the capture was cut off (the server stopped while storing "
                                            + "it); nothing of it was stored. Capture the document again")))
                            .put("organisation", rs.getString(2)).put("eventCount", rs.getInt(8)));
                }
                JsonObject job = new JsonObject()
                        .put("captureID", rs.getString(1))
                        .put("createdAt", rs.getTimestamp(3).toInstant().toString())
                        .put("running", rs.getBoolean(5))
                        .put("success", rs.getBoolean(6))
                        .put("captureErrorBehaviour", "rollback")
                        .put("errors", new JsonArray(rs.getString(7)))
                        .put("organisation", rs.getString(2))
                        .put("eventCount", rs.getInt(8));
                Timestamp finished = rs.getTimestamp(4);
                if (finished != null) {
                    job.put("finishedAt", finished.toInstant().toString());
                }
                long chunk = rs.getLong(9);
                if (!rs.wasNull()) {
                    job.put("chunk", chunk);
                }
                return Optional.of(job);
            }
        }
    }
}
