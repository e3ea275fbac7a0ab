package org.prooftrail.sim.load;

import java.util.Map;

/** The report a load run prints: achieved rates, latencies, and injected faults against stored rejections. */
public final class LoadSummary {
    private LoadSummary() {
    }

    /** @param store what the database says, or null when the run had no database access */
    public static String format(LoadResult run, StoreReport store) {
        StringBuilder b = new StringBuilder();
        LoadPlan p = run.plan();
        b.append(String.format("load: %d devices, %d readings/envelope, offered %s envelopes/s for %d s%n",
                p.devices(), p.readingsPerEnvelope(), p.rate() > 0 ? String.format("%.0f", p.rate()) : "max",
                p.duration().toSeconds()));
        b.append(String.format("sent: %d envelopes acknowledged (%d failed) in %.1f s: %.0f envelopes/s, %.0f readings/s%n",
                run.published().size(), run.failed(), run.elapsed().toMillis() / 1000.0,
                run.envelopesPerSecond(), run.readingsPerSecond()));
        b.append("publish -> acknowledged (after commit): ").append(run.ackLatencyMillis()).append('\n');
        if (store != null) {
            b.append(String.format("stored: %d envelopes, %.0f envelopes/s sustained (first send to last commit)%n",
                    store.stored(), store.storedPerSecond()));
            b.append("publish -> stored (chunk committed):   ").append(store.storedMillis()).append('\n');
            b.append("publish -> anchored (checkpoint):      ").append(store.anchoredMillis()).append('\n');
            if (store.anchored() < run.published().size()) {
                b.append(String.format("  %d of %d envelopes were not anchored in time (is an anchorer running?)%n",
                        run.published().size() - store.anchored(), run.published().size()));
            }
        }
        b.append("faults injected -> rejections stored:\n");
        boolean allMatch = true;
        for (Map.Entry<Fault, Long> e : run.injected().entrySet()) {
            String reason = e.getKey().expectedRejection();
            Long stored = store == null ? null : store.rejections().getOrDefault(reason, 0L);
            boolean match = stored == null || stored.equals(e.getValue());
            allMatch &= match;
            b.append(String.format("  %-15s %6d -> %-15s %s%n", e.getKey().cliName(), e.getValue(), reason,
                    stored == null ? "(no database access to compare)" : stored + (match ? "  ok" : "  MISMATCH")));
        }
        if (store != null) {
            store.rejections().forEach((reason, n) -> {
                if (run.injected().keySet().stream().noneMatch(f -> f.expectedRejection().equals(reason))) {
                    b.append(String.format("  (not injected)  %6s -> %-15s %d%n", "", reason, n));
                }
            });
            b.append(allMatch ? "every injected fault was caught and counted once\n"
                    : "MISMATCH between injected faults and stored rejections\n");
        }
        return b.toString();
    }
}
