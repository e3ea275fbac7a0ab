package org.prooftrail.sim.load;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.prooftrail.store.envelopes.DeliveryReport;

/**
 * What the database says about a load run: when each good envelope was committed (its chunk's
 * commit time) and first covered by a signed checkpoint, and which rejections were stored for the
 * run's devices ({@link DeliveryReport}). Read after the run, so measuring costs the run nothing.
 */
public record StoreReport(long stored, Percentiles storedMillis, long anchored, Percentiles anchoredMillis,
                          Map<String, Long> rejections, double spanMillis) {

    /** Stored envelopes per second, from the first send to the last commit: the sustained rate. */
    public double storedPerSecond() {
        return stored / Math.max(1e-3, spanMillis / 1000.0);
    }

    /**
     * Waits (up to {@code wait}) until every acknowledged envelope is anchored, then reads the report.
     * Envelopes are acknowledged only after their commit, so "stored" is complete at once; anchoring
     * follows within the anchor interval when an anchorer runs.
     */
    public static StoreReport read(DataSource db, LoadResult run, Duration wait) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (anchoredCount(db, run) < run.published().size() && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling the database for the anchorer's progress, bounded by the deadline
        }
        Map<String, Long> sentAt = new HashMap<>();
        run.published().forEach(p -> sentAt.put(p.device() + "/" + p.seq(), p.sentMicros()));
        double[] stored = new double[run.published().size()];
        double[] anchored = new double[run.published().size()];
        long[] counts = new long[2];
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        DeliveryReport.deliveries(db, run.devices(), (device, seq, committed, anchoredAt) -> {
            Long sent = sentAt.get(device + "/" + seq);
            if (sent == null) {
                return;
            }
            stored[(int) counts[0]++] = (committed - sent) / 1000.0;
            span[0] = Math.min(span[0], sent);
            span[1] = Math.max(span[1], committed);
            if (anchoredAt != null) {
                anchored[(int) counts[1]++] = (anchoredAt - sent) / 1000.0;
            }
        });
        int ns = (int) counts[0];
        int na = (int) counts[1];
        long firstSent = span[0];
        long lastCommit = span[1];
        return new StoreReport(ns, Percentiles.of(java.util.Arrays.copyOf(stored, ns)), na,
                Percentiles.of(java.util.Arrays.copyOf(anchored, na)), rejections(db, run),
                ns == 0 ? 0 : (lastCommit - firstSent) / 1000.0);
    }

    private static long anchoredCount(DataSource db, LoadResult run) throws SQLException {
        return DeliveryReport.anchoredCount(db, run.devices());
    }

    /** Stored rejections of the run's devices by reason. */
    public static Map<String, Long> rejections(DataSource db, LoadResult run) throws SQLException {
        return DeliveryReport.rejections(db, run.devices());
    }
}
