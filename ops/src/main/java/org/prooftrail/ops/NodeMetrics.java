package org.prooftrail.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The one registry of a process: every role registers its meters here; JVM meters come with it, and
 * the Vert.x instance made by {@link #vertx} adds its HTTP server and worker pools.
 */
public final class NodeMetrics {
    /** Timers published as Prometheus histograms, with the buckets below. */
    private static final Set<String> HISTOGRAMS = Set.of("vertx.http.server.response.time", "vertx.pool.queue.time",
            "vertx.pool.usage");
    /** 12 buckets from 1 ms to 30 s: consumer lookups take milliseconds, captures and audits seconds. */
    private static final double[] BUCKETS_NANOS = java.util.stream.Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1_000,
            2_500, 10_000, 30_000).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();

    private NodeMetrics() {
    }

    public static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return HISTOGRAMS.contains(id.getName())
                        ? DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS_NANOS).build().merge(config)
                        : config;
            }
        });
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        return metrics;
    }

    /**
     * A Vert.x instance that reports into {@code metrics} (vertx-micrometer-metrics): per route
     * ({@code vertx_http_server_response_time_seconds} histograms, {@code vertx_http_server_requests_total}
     * by status) and per worker pool (queue time and length, usage). Labels stay bounded: the route is
     * the matched route's template (never the raw path, no {@code HTTP_PATH} label), and no client
     * address is a label.
     */
    public static Vertx vertx(PrometheusMeterRegistry metrics) {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions()
                .setEnabled(true)
                // vertx-micrometer-metrics keeps registries in a static map by name: one name per registry,
                // so that two nodes in one JVM (tests) never report into each other's
                .setRegistryName("prooftrail-" + UUID.randomUUID())
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET);
        return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(metrics)).build();
    }
}
