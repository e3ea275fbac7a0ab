package org.prooftrail.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * {@code /metrics} in Prometheus' text format. Scraping walks every meter, so it runs on a worker
 * thread: a busy ingest node has a few hundred series and the event loop keeps serving probes.
 */
public final class MetricsRoute {
    private MetricsRoute() {
    }

    public static void mount(Vertx vertx, Router router, PrometheusMeterRegistry metrics) {
        router.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail));
    }
}
