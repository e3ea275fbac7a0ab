package org.prooftrail.ingest.loss;

import java.time.Duration;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * When loss that ingest could not prevent becomes loud.
 *
 * @param alertAfter      a seq gap still open this long after it was noticed raises an alert; late
 *                        envelopes (another replica's share, a redelivery) get this long to fill it
 * @param degradedMissing readiness is degraded while the gaps alerted within {@code degradedWindow}
 *                        miss at least this many envelopes (0: never)
 * @param degradedWindow  how far back readiness looks
 */
public record LossSettings(Duration alertAfter, int degradedMissing, Duration degradedWindow) {
    public static final String ALERT_AFTER = "PT_GAP_ALERT_AFTER";
    public static final String DEGRADED_MISSING = "PT_GAP_DEGRADED_MISSING";
    public static final String DEGRADED_WINDOW = "PT_GAP_DEGRADED_WINDOW";

    public static LossSettings from(Settings s) {
        Duration after = s.duration(ALERT_AFTER, Duration.ofSeconds(60));
        if (after.toMillis() < 100) {
            throw new ConfigException(ALERT_AFTER, "must be at least 100ms, got " + after);
        }
        Duration window = s.duration(DEGRADED_WINDOW, Duration.ofMinutes(15));
        if (window.toMillis() < 1000) {
            throw new ConfigException(DEGRADED_WINDOW, "must be at least 1s, got " + window);
        }
        return new LossSettings(after, s.integer(DEGRADED_MISSING, 1000, 0, Integer.MAX_VALUE), window);
    }

    /** How often to look for due gaps: often enough that an alert comes at most half the delay late. */
    public Duration lookEvery() {
        return Duration.ofMillis(Math.max(100, Math.min(alertAfter.toMillis() / 2, 10_000)));
    }
}
