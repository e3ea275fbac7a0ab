package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The envelopes one device signed that never arrived, as runs of missing seqs between two stored
 * ones, with the device times of the envelopes either side. Device seqs are consecutive, so every
 * run is lost data (the {@link SeqGaps} gauge only sums them over all devices), except the step from
 * an old stream's highest seq to a new stream's first after an operator reset it ({@link StreamResets}),
 * which is no loss and is left out.
 *
 * <p>One statement: a window function over the device's seqs in order finds the runs; the page starts
 * after a seq, so paging costs no offset. It reads every seq of the device, about 0.5 M a year for a
 * device reporting once a minute, but from the (device_id, seq) index alone (an index-only scan where
 * the table's visibility map allows): the device times either side of a run are fetched only for the
 * page's runs. Reading them with every seq cost a heap page an envelope, since a device's envelopes lie
 * among every other device's: 4,025 pages against 90 for 4,000 envelopes among 100 devices' (100-134 ms
 * against 11-18 ms, all in memory).
 */
public final class DeviceGaps {
    /** The longest page. */
    public static final int MAX_PAGE = 1000;

    /**
     * @param fromSeq the first missing seq
     * @param toSeq   the last missing seq
     * @param after   device time of the stored envelope before the run (seq {@code fromSeq - 1})
     * @param before  device time of the stored envelope after it (seq {@code toSeq + 1})
     */
    public record Gap(long fromSeq, long toSeq, Instant after, Instant before) {
        public long missing() {
            return toSeq - fromSeq + 1;
        }
    }

    /**
     * @param firstSeq   the lowest stored seq (null when nothing is stored)
     * @param maxSeq     the highest stored seq (null when nothing is stored)
     * @param stored     envelopes stored
     * @param gapCount   runs in all, not only on this page
     * @param missing    missing envelopes in all: {@code maxSeq - firstSeq + 1 - stored}, less the steps at stream resets
     * @param gaps       this page's runs, in seq order
     * @param more       whether runs follow this page
     */
    public record Found(Long firstSeq, Long maxSeq, long stored, long gapCount, long missing, List<Gap> gaps, boolean more) {
    }

    private final DataSource db;

    public DeviceGaps(DataSource db) {
        this.db = db;
    }

    /**
     * @param afterSeq only runs whose first missing seq is above this (-1 for the first page)
     * @param limit    runs on the page, 1 to {@link #MAX_PAGE}
     */
    public Found of(String deviceId, long afterSeq, int limit) throws SQLException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " gaps, not " + limit);
        }
        String sql = """
                WITH stored AS (
                    SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev_seq
                    FROM envelope WHERE device_id = ?),
                gaps AS (
                    SELECT prev_seq + 1 AS from_seq, seq - 1 AS to_seq FROM stored
                    WHERE seq - prev_seq > 1 AND NOT EXISTS (
                        SELECT 1 FROM device_stream_reset r WHERE r.device_id = ? AND r.previous_max_seq = stored.prev_seq)),
                totals AS (
                    SELECT (SELECT min(seq) FROM stored) AS first_seq, (SELECT max(seq) FROM stored) AS max_seq,
                           (SELECT count(*) FROM stored) AS stored, (SELECT count(*) FROM gaps) AS gap_count,
                           (SELECT coalesce(sum(to_seq - from_seq + 1), 0) FROM gaps) AS missing)
                SELECT t.first_seq, t.max_seq, t.stored, t.gap_count, t.missing, p.from_seq, p.to_seq,
                       (SELECT e.device_ts FROM envelope e WHERE e.device_id = ? AND e.seq = p.from_seq - 1),
                       (SELECT e.device_ts FROM envelope e WHERE e.device_id = ? AND e.seq = p.to_seq + 1)
                FROM totals t LEFT JOIN LATERAL (
                    SELECT * FROM gaps WHERE from_seq > ? ORDER BY from_seq LIMIT ?) p ON true
                ORDER BY p.from_seq""";
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, deviceId);
            st.setString(2, deviceId);
            st.setString(3, deviceId);
            st.setString(4, deviceId);
            st.setLong(5, afterSeq);
            st.setInt(6, limit + 1);
            try (ResultSet rs = st.executeQuery()) {
                List<Gap> gaps = new ArrayList<>();
                Long first = null;
                Long max = null;
                long stored = 0;
                long count = 0;
                long missing = 0;
                while (rs.next()) {
                    first = (Long) rs.getObject(1);
                    max = (Long) rs.getObject(2);
                    stored = rs.getLong(3);
                    count = rs.getLong(4);
                    missing = rs.getLong(5);
                    long from = rs.getLong(6);
                    if (!rs.wasNull()) {
                        gaps.add(new Gap(from, rs.getLong(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9))));
                    }
                }
                boolean more = gaps.size() > limit;
                return new Found(first, max, stored, count, missing, more ? gaps.subList(0, limit) : gaps, more);
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
