package org.prooftrail.ingest.loss;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.prooftrail.store.envelopes.GapAlerts;
import org.prooftrail.store.envelopes.GapAlerts.RaisedGap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes loss loud: each seq gap still open {@link LossSettings#alertAfter} after it was noticed raises
 * one {@code seq-gap} alert ({@code /v1/alerts}), one warning naming device and range, and counts its
 * missing envelopes in {@code pt_ingest_seq_gap_missing{device}}. Run on ingest's poller thread (one
 * thread: {@link #seenSince} needs no guard). Its first look reads every device missing envelopes; later
 * looks only those that stored something since shortly before the previous look's window.
 */
public final class GapWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GapWatch.class);
    /** Alerts raised per look at most; the rest follow on the next look. */
    private static final int PER_LOOK = 1000;
    /**
     * Room for batch transactions that started before a look and committed after it (an envelope's
     * received_at is its transaction's start), and for clocks: a look also rereads devices seen this much
     * before the previous look's window.
     */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final GapAlerts alerts;
    private final LossSettings settings;
    private final MeterRegistry registry;
    /** Devices seen since then are read; null: every lossy device (the first look, or after a full one). */
    private Instant seenSince;

    public GapWatch(GapAlerts alerts, LossSettings settings, MeterRegistry registry) {
        this.alerts = alerts;
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public void run() {
        GapAlerts.Look look;
        try {
            look = alerts.raiseDue(settings.alertAfter(), seenSince, PER_LOOK);
        } catch (SQLException e) {
            LOG.warn("could not look for seq gaps to alert: {}", e.getMessage());
            return;
        }
        if (look.looked()) { // else another replica looked; this one keeps its older window
            seenSince = look.raised().size() >= PER_LOOK ? null : look.dbTime().minus(settings.alertAfter()).minus(MARGIN);
        }
        for (RaisedGap g : look.raised()) {
            LOG.warn("envelopes lost: device {} (organisation {}) is missing seq {}..{} ({} envelope(s)), a gap noticed at {} "
                            + "and still open after {}; alert {} raised. The broker dropped them (see docs/deploy.md)",
                    g.deviceId(), g.orgId(), g.fromSeq(), g.toSeq(), g.missing(), g.noticedAt(), settings.alertAfter(), g.alertId());
            Counter.builder("pt_ingest_seq_gap_missing").tag("device", g.deviceId())
                    .description("envelopes of a device in seq gaps that raised an alert").register(registry)
                    .increment(g.missing());
        }
    }
}
