package org.prooftrail.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.prooftrail.api.health.HealthRoutes;
import org.prooftrail.api.proof.ProofRoutes;
import org.prooftrail.core.health.ReadinessCheck;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of ProofTrail: health, metrics, and (as their issues land) the resolver, the
 * consumer pages and the company and regulator APIs. Each feature mounts its own routes.
 */
public final class ApiVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);

    private final ApiSettings settings;
    private final PrometheusMeterRegistry metrics;
    private final List<ReadinessCheck> readiness;
    private final ProofRoutes proofs;
    private HttpServer server;

    /** @param proofs the proof endpoints, or null when this process serves health and metrics only */
    public ApiVerticle(ApiSettings settings, PrometheusMeterRegistry metrics, List<ReadinessCheck> readiness,
                       ProofRoutes proofs) {
        this.settings = settings;
        this.metrics = metrics;
        this.readiness = List.copyOf(readiness);
        this.proofs = proofs;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        HealthRoutes.mount(vertx, router, readiness);
        if (proofs != null) {
            proofs.mount(vertx, router);
        }
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(settings.port(), settings.host())
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API listening on {}:{}", settings.host(), s.actualPort());
                });
    }

    /** The bound port; useful when the configured port was 0. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
