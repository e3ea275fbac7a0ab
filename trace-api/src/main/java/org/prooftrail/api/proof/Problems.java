package org.prooftrail.api.proof;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem bodies: a status and a detail a person can act on. */
final class Problems {
    private Problems() {
    }

    static void send(RoutingContext ctx, int status, String detail) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("status", status).put("detail", detail).encode());
    }
}
