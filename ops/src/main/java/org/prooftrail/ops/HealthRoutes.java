package org.prooftrail.ops;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: every dependency answers; 503
 * with the failing checks named otherwise, so Kubernetes stops routing to a replica that cannot work.
 */
public final class HealthRoutes {
    private static final long CHECK_TIMEOUT_MS = 3_000;

    private HealthRoutes() {
    }

    public static void mount(Vertx vertx, Router router, List<ReadinessCheck> checks) {
        // One always-up check so liveness answers 200 with a JSON body rather than an empty 204.
        router.get("/health/live").handler(HealthCheckHandler.create(vertx)
                .register("process", promise -> promise.complete(Status.OK())));
        HealthCheckHandler ready = HealthCheckHandler.create(vertx);
        for (ReadinessCheck check : checks) {
            // A check that hangs is a dependency that does not answer: report it as down (503), not
            // as a failed check (500), so probes and people read the same thing.
            ready.register(check.name(), CHECK_TIMEOUT_MS + 1_000, promise -> vertx.executeBlocking(check::problem, false)
                    .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .onSuccess(problem -> promise.complete(problem == null
                            ? Status.OK()
                            : Status.KO(new JsonObject().put("problem", problem))))
                    .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("problem",
                            check.name() + " does not answer within " + CHECK_TIMEOUT_MS + " ms")))));
        }
        router.get("/health/ready").handler(ready);
    }
}
