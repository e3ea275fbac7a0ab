package org.prooftrail.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.prooftrail.api.auth.BearerAuth;

/**
 * What a feature mounts onto: the contract's operations (validated, authenticated when a token is
 * sent) and, for the few routes that cannot be described by the contract, the plain router. Blocking
 * work runs on the named pool of its kind ({@link ApiWorkers}), never on Vert.x's unnamed one.
 */
public record ApiMount(Vertx vertx, RouterBuilder contract, Router plain, BearerAuth auth, ApiWorkers workers) {

    /** The route of one operation of {@code openapi.yaml}; fails loudly when the contract lacks it. */
    public OpenAPIRoute operation(String operationId) {
        OpenAPIRoute route = contract.getRoute(operationId);
        if (route == null) {
            throw new IllegalStateException("openapi.yaml has no operation '" + operationId + "'");
        }
        return route;
    }
}
