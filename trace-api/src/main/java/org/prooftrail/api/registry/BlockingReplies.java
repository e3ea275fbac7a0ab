package org.prooftrail.api.registry;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.registry.RegistryConflict;

/**
 * Runs a registry handler's blocking store work on a worker thread and turns its outcome into the HTTP
 * reply: the JSON it returns, or the problem it failed with.
 */
public final class BlockingReplies {

    private BlockingReplies() {
    }

    public static <T> Future<T> blocking(WorkerExecutor workers, Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    /** Answers {@code status} with the JSON the work returns, or the problem it failed with. */
    public static void json(WorkerExecutor workers, RoutingContext ctx, int status, Callable<JsonObject> work) {
        blocking(workers, work).onSuccess(body -> ctx.response().setStatusCode(status)
                        .putHeader("content-type", "application/json").end(body.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    /**
     * A {@link Refusal} becomes its problem, a store's {@link RegistryConflict} a 409 naming the field;
     * anything else goes to the one mapping of failures, {@link Problems#failed}.
     */
    public static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof Refusal r) {
            Problems.send(ctx, r.status(), r.getMessage(), r.extra());
        } else if (e instanceof RegistryConflict c) {
            Refusal r = Refusal.conflict(c.field(), c.getMessage());
            Problems.send(ctx, r.status(), r.getMessage(), r.extra());
        } else {
            Problems.failed(ctx, e);
        }
    }

    /** The request body as JSON; the contract guarantees an object for operations that take one. */
    public static JsonObject body(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        return body == null ? new JsonObject() : body;
    }
}
