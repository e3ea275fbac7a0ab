package org.prooftrail.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.prooftrail.core.envelope.EnvelopeLimits;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.mqtt.MqttSettings;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.Database;
import org.prooftrail.store.ReadingPartitions;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.GapAlerts;
import org.prooftrail.store.envelopes.SeqGaps;
import org.prooftrail.ingest.loss.GapWatch;
import org.prooftrail.ingest.loss.SeqLossCheck;
import org.prooftrail.ingest.flow.InFlightBound;
import org.prooftrail.ingest.mqtt.IngestMqttClient;
import org.prooftrail.ingest.verify.EnvelopeCheck;
import org.prooftrail.ingest.verify.KeyCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest role: MQTT in, verified envelopes stored, acknowledgements out, and a poller that
 * applies revocations, measures sequence gaps and raises alerts for those that stay open (GapWatch).
 * Ready while the broker is connected and batches commit; {@link #lossCheck()} is degraded while recent
 * loss is past its threshold.
 */
public final class IngestService implements ReadinessCheck, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final IngestMqttClient mqtt;
    private final IngestPipeline pipeline;
    private final ScheduledExecutorService poller;
    private final IngestMetrics metrics;
    private final SeqLossCheck lossCheck;
    private final boolean leaveOnStop;
    private boolean closed;

    private IngestService(IngestMqttClient mqtt, IngestPipeline pipeline, ScheduledExecutorService poller,
                          IngestMetrics metrics, SeqLossCheck lossCheck, boolean leaveOnStop) {
        this.leaveOnStop = leaveOnStop;
        this.mqtt = mqtt;
        this.pipeline = pipeline;
        this.poller = poller;
        this.metrics = metrics;
        this.lossCheck = lossCheck;
    }

    public static IngestService start(IngestSettings settings, MqttSettings mqttSettings, Database database,
                                      MeterRegistry registry) throws SQLException, MqttException {
        IngestMetrics metrics = new IngestMetrics(registry);
        DeviceRegistry devices = new DeviceRegistry(database.dataSource());
        KeyCache keys = new KeyCache(devices);
        BatchWriter writer = new BatchWriter(database.dataSource(), MerkleHasher.byName(settings.hashAlg()), settings.seqWindow(),
                settings.seqMaxJump());
        IngestPipeline[] holder = new IngestPipeline[1];
        InFlightBound bound = new InFlightBound(settings.maxInFlight(), settings.maxInFlightBytes());
        metrics.watch(bound);
        IngestMqttClient mqtt = new IngestMqttClient(mqttSettings, settings.maxInFlight(), settings.sessionExpiry(), bound,
                m -> holder[0].submit(m));
        IngestPipeline pipeline = new IngestPipeline(settings, new EnvelopeCheck(keys, EnvelopeLimits.defaults().withMaxEnvelopeBytes(settings.maxPayloadBytes()),
                settings.maxClockSkew(), java.time.Clock.systemUTC()), writer, mqtt::ack, bound, metrics);
        holder[0] = pipeline;

        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pt-ingest-poller");
            t.setDaemon(true);
            return t;
        });
        long every = settings.revocationPoll().toMillis();
        poller.scheduleWithFixedDelay(() -> {
            try {
                int n = keys.pollRevocations();
                if (n > 0) {
                    LOG.info("{} revoked key(s) dropped from the cache", n);
                }
            } catch (SQLException e) {
                LOG.debug("revocation poll failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(() -> metrics.seqGaps.set(countGaps(database)), 5, 10, TimeUnit.SECONDS);
        io.micrometer.core.instrument.FunctionCounter.builder("pt_ingest_resubscribes", mqtt, IngestMqttClient::resubscribes)
                .description("subscriptions sent again after an idle period (PT_INGEST_RESUBSCRIBE_IDLE)").register(registry);
        long idleCheck = Math.max(100, settings.resubscribeIdle().toMillis() / 4);
        poller.scheduleWithFixedDelay(() -> mqtt.resubscribeIfIdle(settings.resubscribeIdle()), idleCheck, idleCheck,
                TimeUnit.MILLISECONDS);
        GapAlerts gapAlerts = new GapAlerts(database.dataSource());
        long look = settings.loss().lookEvery().toMillis();
        poller.scheduleWithFixedDelay(new GapWatch(gapAlerts, settings.loss(), registry), look, look, TimeUnit.MILLISECONDS);
        // Monthly reading partitions must exist before their month starts; a process may run for months.
        poller.scheduleWithFixedDelay(() -> ReadingPartitions.ensure(database.dataSource()), 12, 12, TimeUnit.HOURS);

        mqtt.start();
        LOG.info("ingest running: broker {}, batches of up to {} messages or {} bytes every {} ms, {} verification threads "
                        + "(up to {} devices' messages checked together), at most {} messages and {} bytes in flight",
                mqtt.url(), settings.batchSize(), settings.batchBytes(), settings.batchDelay().toMillis(), settings.verifyThreads(),
                settings.verifyBatch(), settings.maxInFlight(), settings.maxInFlightBytes());
        return new IngestService(mqtt, pipeline, poller, metrics,
                new SeqLossCheck(gapAlerts, settings.loss(), java.time.Clock.systemUTC()), settings.leaveOnStop());
    }

    /** Envelopes that devices sent (by their seq) but that never arrived; loss a broker caused. */
    private static long countGaps(Database database) {
        try {
            return SeqGaps.count(database.dataSource());
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Readiness beside this one: degraded while recent envelope loss is past the threshold. */
    public ReadinessCheck lossCheck() {
        return lossCheck;
    }

    public IngestMetrics metrics() {
        return metrics;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String problem() {
        if (!mqtt.isConnected()) {
            return "not connected to the MQTT broker at " + mqtt.url();
        }
        if (pipeline.writerFailed()) {
            return "the ingest writer stopped on an error (see the log); nothing is stored until ingest restarts";
        }
        if (!pipeline.storeHealthy()) {
            return "batches are not being stored; acknowledgements are held until the database answers";
        }
        return null;
    }

    /**
     * Stops taking messages, commits and acknowledges what it holds, then disconnects. Leaving the
     * shared subscription first lets the broker route to the other replicas; when this is the only one,
     * leaving would leave nothing subscribed and the broker would keep nothing of what devices publish
     * meanwhile, so {@code PT_INGEST_LEAVE_ON_STOP=false} keeps it: the broker queues for this session
     * and delivers on its return under the same client id.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        poller.shutdownNow();
        if (leaveOnStop) {
            mqtt.unsubscribe(5_000);
            pipeline.awaitQuiet(300, 5_000);
        } else {
            mqtt.stopTaking();
        }
        pipeline.drain(20_000);
        mqtt.close();
        pipeline.close();
        LOG.info("ingest stopped");
    }
}
