package org.prooftrail.ingest.loss;

import java.sql.SQLException;
import java.time.Clock;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.store.envelopes.GapAlerts;

/**
 * Readiness turns degraded while recent loss is past the threshold: the gaps alerted within
 * {@link LossSettings#degradedWindow} miss at least {@link LossSettings#degradedMissing} envelopes.
 * It reads the alerts every replica raised, so every ingest replica says the same; it turns green
 * again by itself once the window has passed without new loss.
 */
public final class SeqLossCheck implements ReadinessCheck {
    private final GapAlerts alerts;
    private final LossSettings settings;
    private final Clock clock;

    public SeqLossCheck(GapAlerts alerts, LossSettings settings, Clock clock) {
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ingest-loss";
    }

    @Override
    public String problem() {
        if (settings.degradedMissing() == 0) {
            return null;
        }
        GapAlerts.Recent recent;
        try {
            recent = alerts.alertedSince(clock.instant().minus(settings.degradedWindow()));
        } catch (SQLException e) {
            return "recent envelope loss cannot be read: " + e.getMessage();
        }
        if (recent.missing() < settings.degradedMissing()) {
            return null;
        }
        return "degraded: " + recent.missing() + " envelope(s) of " + recent.devices() + " device(s) lost in seq gaps alerted "
                + "within the last " + settings.degradedWindow() + " (threshold " + LossSettings.DEGRADED_MISSING + "="
                + settings.degradedMissing() + "); see GET /v1/alerts?kind=seq-gap and the broker's queue settings";
    }
}
