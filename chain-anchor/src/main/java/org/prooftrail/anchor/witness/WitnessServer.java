package org.prooftrail.anchor.witness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.prooftrail.ops.HealthRoutes;
import org.prooftrail.ops.MetricsRoute;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.ops.SlowClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness over HTTP: {@code POST /add-checkpoint} (C2SP tlog-witness), with health, readiness
 * and metrics beside it. Checking and cosigning run on a worker thread: they verify signatures and
 * force a file to disk.
 */
public final class WitnessServer extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WitnessServer.class);
    /** A checkpoint with a few signatures and 63 proof lines is about 4 KB; this leaves room for post-quantum signatures. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Witness witness;
    private final String host;
    private final int port;
    private final PrometheusMeterRegistry metrics;
    private final List<ReadinessCheck> readiness;
    private HttpServer server;

    public WitnessServer(Witness witness, String host, int port, PrometheusMeterRegistry metrics, List<ReadinessCheck> readiness) {
        this.witness = witness;
        this.host = host;
        this.port = port;
        this.metrics = metrics;
        this.readiness = List.copyOf(readiness);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.post("/add-checkpoint").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::add);
        HealthRoutes.mount(vertx, router, readiness);
        MetricsRoute.mount(vertx, router, metrics);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("content-type", Answer.TEXT)
                .end("this witness serves POST /add-checkpoint, /health/live, /health/ready and /metrics\n"));
        return vertx.createHttpServer(SlowClients.bounded(new HttpServerOptions(), SlowClients.DEFAULT_IDLE_TIMEOUT))
                .requestHandler(router).listen(port, host).onSuccess(s -> {
                    server = s;
                    LOG.info("witness {} on {}:{}; its verifier key: {}", witness.id().name(), host, s.actualPort(),
                            witness.id().vkey().encode());
                });
    }

    private void add(RoutingContext ctx) {
        String body = ctx.body().asString("UTF-8");
        vertx.executeBlocking(() -> witness.addCheckpoint(body == null ? "" : body), false)
                .onSuccess(a -> {
                    Counter.builder("pt_witness_requests").description("add-checkpoint requests by answer")
                            .tag("status", Integer.toString(a.status())).register(metrics).increment();
                    ctx.response().setStatusCode(a.status()).putHeader("content-type", a.contentType()).end(a.body());
                })
                .onFailure(ctx::fail);
    }

    /** The bound port; useful when the configured port was 0. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
