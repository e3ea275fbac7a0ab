package org.prooftrail.sim.load;

import java.util.Arrays;

/** p50, p95 and p99 of a sample (nearest rank), and how many values there were. */
public record Percentiles(long count, double p50, double p95, double p99) {

    public static Percentiles of(double[] values) {
        if (values.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99));
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    @Override
    public String toString() {
        return count == 0 ? "no data" : String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (n=%d)", p50, p95, p99, count);
    }
}
