package org.prooftrail.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.ingest.flow.InFlightBound;

/**
 * What ingest counts: received, stored, duplicates, rejected by reason, batch size, commit and verify time, verify batch size,
 * and what it holds in flight against its bounds.
 */
public final class IngestMetrics {
    final Counter received;
    final Counter stored;
    final Counter readings;
    final Counter events;
    final Counter duplicates;
    final Counter commitFailures;
    final DistributionSummary batchSize;
    final Timer commitTime;
    final Timer verifyTime;
    final DistributionSummary verifyBatch;
    final AtomicLong seqGaps = new AtomicLong();
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
    private final MeterRegistry registry;
    private volatile InFlightBound bound;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("pt_ingest_received").description("MQTT messages received").register(registry);
        stored = Counter.builder("pt_ingest_stored").description("envelopes stored").register(registry);
        readings = Counter.builder("pt_ingest_readings_stored").description("readings stored").register(registry);
        events = Counter.builder("pt_ingest_events_stored").description("EPCIS events stored").register(registry);
        duplicates = Counter.builder("pt_ingest_duplicates").description("redelivered envelopes skipped").register(registry);
        commitFailures = Counter.builder("pt_ingest_commit_failures").description("batch commits that failed and were retried").register(registry);
        batchSize = DistributionSummary.builder("pt_ingest_batch_size").description("messages per committed batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        commitTime = Timer.builder("pt_ingest_commit").description("time to write and commit a batch")
                .publishPercentiles(0.5, 0.99).register(registry);
        verifyTime = Timer.builder("pt_ingest_verify").description("time to check the messages one thread takes at once (pt_ingest_verify_batch)")
                .publishPercentiles(0.5, 0.99).register(registry);
        verifyBatch = DistributionSummary.builder("pt_ingest_verify_batch").description("messages checked together, one per device")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("pt_ingest_seq_gaps", seqGaps);
        for (RejectionReason r : RejectionReason.values()) {
            rejected.put(r, Counter.builder("pt_ingest_rejected").tag("reason", r.name().toLowerCase())
                    .description("messages refused, by reason").register(registry));
        }
    }

    /** What ingest holds unacknowledged against its bounds, and how often it stopped reading. */
    void watch(InFlightBound bound) {
        this.bound = bound;
        Gauge.builder("pt_ingest_in_flight", bound, InFlightBound::messages)
                .description("messages received and not yet acknowledged").register(registry);
        Gauge.builder("pt_ingest_in_flight_bytes", bound, InFlightBound::bytes)
                .description("payload bytes received and not yet acknowledged").baseUnit("bytes").register(registry);
        Gauge.builder("pt_ingest_in_flight_max", bound, InFlightBound::maxMessages)
                .description("bound on messages in flight (PT_INGEST_MAX_IN_FLIGHT)").register(registry);
        Gauge.builder("pt_ingest_in_flight_bytes_max", bound, InFlightBound::maxBytes)
                .description("bound on payload bytes in flight (PT_INGEST_MAX_IN_FLIGHT_BYTES)").baseUnit("bytes").register(registry);
        Gauge.builder("pt_ingest_in_flight_paused", bound, b -> b.paused() ? 1 : 0)
                .description("1 while ingest does not read from the broker because a bound is reached").register(registry);
        FunctionCounter.builder("pt_ingest_in_flight_pauses", bound, InFlightBound::pauses)
                .description("times ingest stopped reading from the broker because a bound was reached").register(registry);
    }

    void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    public double rejectedCount(RejectionReason reason) {
        return rejected.get(reason).count();
    }

    public double storedCount() {
        return stored.count();
    }

    public double receivedCount() {
        return received.count();
    }

    /** The in-flight gauges' values: messages, payload bytes, pauses so far. */
    public long inFlightMessages() {
        return bound.messages();
    }

    public long inFlightBytes() {
        return bound.bytes();
    }

    public long pauses() {
        return bound.pauses();
    }

    public double duplicateCount() {
        return duplicates.count();
    }
}
