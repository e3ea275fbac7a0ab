package org.prooftrail.ingest.loss;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import org.prooftrail.store.envelopes.GapAlerts;
import org.prooftrail.store.envelopes.GapAlerts.RaisedGap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes loss loud: each seq gap still open {@link LossSettings#alertAfter} after it was noticed raises
 * one {@code seq-gap} alert ({@code /v1/alerts}), one warning naming device and range, and counts its
 * missing envelopes in {@code pt_ingest_seq_gap_missing{device}}. Run on ingest's poller thread.
 */
public final class GapWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GapWatch.class);
    /** Alerts raised per look at most; the rest follow on the next look. */
    private static final int PER_LOOK = 1000;

    private final GapAlerts alerts;
    private final LossSettings settings;
    private final MeterRegistry registry;

    public GapWatch(GapAlerts alerts, LossSettings settings, MeterRegistry registry) {
        this.alerts = alerts;
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public void run() {
        List<RaisedGap> raised;
        try {
            raised = alerts.raiseDue(settings.alertAfter(), PER_LOOK);
        } catch (SQLException e) {
            LOG.warn("could not look for seq gaps to alert: {}", e.getMessage());
            return;
        }
        for (RaisedGap g : raised) {
            LOG.warn("envelopes lost: device {} (organisation {}) is missing seq {}..{} ({} envelope(s)), a gap noticed at {} "
                            + "and still open after {}; alert {} raised. The broker dropped them (see docs/deploy.md)",
                    g.deviceId(), g.orgId(), g.fromSeq(), g.toSeq(), g.missing(), g.noticedAt(), settings.alertAfter(), g.alertId());
            Counter.builder("pt_ingest_seq_gap_missing").tag("device", g.deviceId())
                    .description("envelopes of a device in seq gaps that raised an alert").register(registry)
                    .increment(g.missing());
        }
    }
}
