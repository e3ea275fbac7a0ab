package org.prooftrail.sim.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a load run sent.
 *
 * @param published  every good envelope, with its send and acknowledgement times
 * @param failed     good envelopes whose publish failed (not acknowledged by the broker)
 * @param elapsed    from the first send to the last acknowledgement
 */
public record LoadResult(LoadPlan plan, List<String> devices, List<Published> published, long failed, long readings,
                         Duration elapsed, Map<Fault, Long> injected) {

    public double envelopesPerSecond() {
        return published.size() / seconds();
    }

    public double readingsPerSecond() {
        return readings / seconds();
    }

    private double seconds() {
        return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    /** Acknowledgement latency of the broker's PUBACK, which ingest sends only after the commit. */
    public Percentiles ackLatencyMillis() {
        return Percentiles.of(published.stream().mapToDouble(p -> (p.ackedMicros() - p.sentMicros()) / 1000.0).toArray());
    }
}
