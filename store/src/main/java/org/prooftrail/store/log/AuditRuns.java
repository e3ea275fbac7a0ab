package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The journal of audits run through the API: one row per run, the last one shown on the log's health page. */
public final class AuditRuns {
    /** Problems kept per run; the count says how many there were. */
    public static final int KEPT_PROBLEMS = 20;

    /**
     * One audit run.
     *
     * @param problemsJson a JSON array of at most {@link #KEPT_PROBLEMS} problem texts
     */
    public record Run(Instant ranAt, String ranBy, String scope, boolean passed, boolean consistent, long chunks,
                      long envelopes, int checkpoints, int problemCount, String problemsJson, long durationMillis) {
    }

    private AuditRuns() {
    }

    public static void record(Connection c, Run run) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO audit_run (ran_at, ran_by, scope, passed, consistent, chunks, "
                + "envelopes, checkpoints, problem_count, problems, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            st.setTimestamp(1, Timestamp.from(run.ranAt()));
            st.setString(2, run.ranBy());
            st.setString(3, run.scope());
            st.setBoolean(4, run.passed());
            st.setBoolean(5, run.consistent());
            st.setLong(6, run.chunks());
            st.setLong(7, run.envelopes());
            st.setInt(8, run.checkpoints());
            st.setInt(9, run.problemCount());
            st.setString(10, run.problemsJson());
            st.setLong(11, run.durationMillis());
            st.executeUpdate();
        }
    }

    public static Optional<Run> latest(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT ran_at, ran_by, scope, passed, consistent, chunks, envelopes, checkpoints, "
                + "problem_count, problems::text, duration_ms FROM audit_run ORDER BY ran_at DESC, id DESC LIMIT 1");
             ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                    rs.getBoolean(5), rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getLong(11)));
        }
    }
}
