package org.prooftrail.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health, readiness and metrics alone, for a process without the API role (an ingest or anchor
 * pod): Kubernetes probes and Prometheus scrapes reach it on the same port as they would the API.
 */
public final class OpsServer extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry metrics;
    private final List<ReadinessCheck> readiness;
    private final Duration idleTimeout;
    private HttpServer server;

    public OpsServer(String host, int port, PrometheusMeterRegistry metrics, List<ReadinessCheck> readiness) {
        this(host, port, metrics, readiness, SlowClients.DEFAULT_IDLE_TIMEOUT);
    }

    /** @param idleTimeout a connection on which nothing moves for this long is closed (see {@link SlowClients}) */
    public OpsServer(String host, int port, PrometheusMeterRegistry metrics, List<ReadinessCheck> readiness,
                     Duration idleTimeout) {
        this.host = host;
        this.port = port;
        this.metrics = metrics;
        this.readiness = List.copyOf(readiness);
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        HealthRoutes.mount(vertx, router, readiness);
        MetricsRoute.mount(vertx, router, metrics);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("content-type", "text/plain; charset=utf-8")
                .end("this node serves only /health/live, /health/ready and /metrics\n"));
        return vertx.createHttpServer(SlowClients.bounded(new HttpServerOptions(), idleTimeout))
                .requestHandler(router).listen(port, host).onSuccess(s -> {
            server = s;
            LOG.info("health and metrics on {}:{}", host, s.actualPort());
        });
    }

    /** The bound port; useful when the configured port was 0. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
