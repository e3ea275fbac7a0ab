package org.prooftrail.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.ops.HealthRoutes;
import org.prooftrail.ops.MetricsRoute;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.http.ValidationProblems;
import org.prooftrail.ops.ReadinessCheck;
import org.prooftrail.ops.SlowClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of ProofTrail. Health and metrics are the shared routes of {@code ops}; everything else is an operation
 * of {@code openapi.yaml} (written first, served at {@code /openapi.yaml}), so requests are validated
 * against the contract before a feature sees them. Features mount their own handlers.
 */
public final class ApiVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
    public static final String CONTRACT = "openapi.yaml";
    /** The largest request body accepted anywhere (EPCIS capture documents are the biggest). */
    public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** The longest request line (method, path and query) read; longer is a bare 414. */
    public static final int MAX_REQUEST_LINE = 64 * 1024;

    private static final java.util.Set<HttpMethod> BODY_METHODS =
            java.util.Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final ApiSettings settings;
    private final PrometheusMeterRegistry metrics;
    private final List<ReadinessCheck> readiness;
    private final AuthSettings auth;
    private final List<ApiFeature> features;
    private HttpServer server;
    private ApiWorkers workers;

    public ApiVerticle(ApiSettings settings, PrometheusMeterRegistry metrics, List<ReadinessCheck> readiness,
                       AuthSettings auth, List<ApiFeature> features) {
        this.settings = settings;
        this.metrics = metrics;
        this.readiness = List.copyOf(readiness);
        this.auth = auth;
        this.features = List.copyOf(features);
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(ApiVerticle::wellFormedEscapes);
        HealthRoutes.mount(vertx, router, readiness);
        MetricsRoute.mount(vertx, router, metrics);
        // The contract is the one in the jar. Vert.x resolves a relative file name against the working
        // directory first, so a stray openapi.yaml there used to be served and to route requests.
        String yaml;
        try (java.io.InputStream in = ApiVerticle.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                return Future.failedFuture(new IllegalStateException(CONTRACT + " is not on the classpath"));
            }
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return Future.failedFuture(e);
        }
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8")
                .end(yaml));
        // vertx-openapi's own YAML reader (what OpenAPIContract.from(vertx, path) uses), fed from the classpath
        Future<OpenAPIContract> contractRead = io.vertx.openapi.impl.Utils.yamlStringToJson(yaml)
                .compose(json -> OpenAPIContract.from(vertx, json));
        return Future.all(BearerAuth.create(vertx, auth, metrics), contractRead)
                .compose(all -> {
                    BearerAuth bearer = all.resultAt(0);
                    OpenAPIContract contract = all.resultAt(1);
                    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
                    // Vert.x orders body handling before the contract's authentication, so an anonymous
                    // caller could make the server buffer 16 MB per request (100 of them took 1.33 GB).
                    // Every operation that takes a body needs a token: the token is checked first, and
                    // only an authenticated request's body is read.
                    // Only methods that carry a body are given to the body handler: on a GET with a
                    // form content type it throws (vert.x 5.0.8), which would be a 500.
                    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
                    builder.rootHandler(ctx -> {
                        if (BODY_METHODS.contains(ctx.request().method())) {
                            bearer.authenticateThen(ctx, body);
                        } else {
                            ctx.next();
                        }
                    });
                    builder.security("bearer").httpHandler(bearer.contractHandler());
                    workers = ApiWorkers.create(vertx, settings);
                    ApiMount mount = new ApiMount(vertx, builder, router, bearer, workers);
                    features.forEach(f -> f.mount(mount));
                    for (OpenAPIRoute route : builder.getRoutes()) {
                        route.addFailureHandler(ApiVerticle::failure);
                        if (route.getHandlers().isEmpty()) {
                            route.addHandler(ctx -> Problems.send(ctx, 501, "operation "
                                    + route.getOperation().getOperationId() + " is not implemented by this server"));
                        }
                    }
                    router.route("/*").subRouter(builder.createRouter());
                    router.route().last().handler(ctx -> Problems.send(ctx, 404, "no such resource: " + ctx.request().path()));
                    // Long URLs (up to 64 KiB) reach the contract and handlers, which answer with a problem
                    // naming the parameter; anything the codec still refuses gets a problem body too.
                    // Responses are compressed when the client accepts it (the consumer page shrinks ~3x).
                    // Connections that stall are closed (see SlowClients).
                    return vertx.createHttpServer(SlowClients.bounded(new HttpServerOptions()
                                    .setMaxInitialLineLength(MAX_REQUEST_LINE).setCompressionSupported(true), settings.idleTimeout()))
                            .requestHandler(router).invalidRequestHandler(ApiVerticle::invalid)
                            .listen(settings.port(), settings.host());
                })
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API listening on {}:{}", settings.host(), s.actualPort());
                });
    }

    /**
     * Contract violations become 400 problems naming what was wrong, other 4xx failures their problem;
     * anything else goes to the one mapping of failures, {@link Problems#failed}.
     */
    private static void failure(RoutingContext ctx) {
        Throwable e = ctx.failure();
        ValidatorException v = ValidationProblems.cause(e);
        if (v != null) {
            Problems.send(ctx, 400, ValidationProblems.detail(v), ValidationProblems.field(v));
        } else if (ctx.statusCode() == 413) {
            Problems.send(ctx, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            Problems.send(ctx, ctx.statusCode(), e == null || e.getMessage() == null ? "request refused" : e.getMessage());
        } else {
            Problems.failed(ctx, e == null ? new IllegalStateException("failed with status " + ctx.statusCode()) : e);
        }
    }

    /**
     * A {@code %} not followed by two hex digits cannot be decoded; Netty's decoder throws on it deep inside
     * the contract's validation, which was a 500 with a stack trace. Such a request is the client's
     * mistake: a 400 naming where the broken escape is, before anything decodes the URI.
     */
    private static void wellFormedEscapes(RoutingContext ctx) {
        String uri = ctx.request().uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (brokenEscape(path) >= 0) {
            Problems.send(ctx, 400, "the path has a '%' that is not followed by two hex digits; write a literal % as %25");
            return;
        }
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (brokenEscape(pair) >= 0) {
                    int eq = pair.indexOf('=');
                    String whole = eq < 0 ? pair : pair.substring(0, eq);
                    String name = whole.length() > 64 ? whole.substring(0, 64) + "..." : whole;
                    Problems.send(ctx, 400, "query parameter " + (brokenEscape(name) >= 0 ? "name" : "'" + name + "'")
                            + " has a '%' that is not followed by two hex digits; write a literal % as %25",
                            brokenEscape(name) >= 0 ? null : new io.vertx.core.json.JsonObject().put("field", name));
                    return;
                }
            }
        }
        ctx.next();
    }

    /** The index of the first {@code %} without two hex digits after it, or -1. */
    static int brokenEscape(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Requests HTTP itself could not decode (a request line or headers past the codec's limits,
     * broken framing) never reach the router; they still get a problem body rather than a bare status.
     */
    private static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String detail;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            detail = "the request line is longer than " + MAX_REQUEST_LINE
                    + " bytes; shorten the path and query";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            detail = "the request headers are larger than " + SlowClients.MAX_HEADER_BYTES + " bytes";
        } else {
            status = 400;
            detail = "the request is not valid HTTP" + (cause == null ? "" : ": " + cause.getMessage());
        }
        request.response().setStatusCode(status).putHeader("connection", "close");
        Problems.send(request.response(), status, detail);
    }

    @Override
    public Future<?> stop() {
        for (ApiFeature f : features) {
            if (f instanceof AutoCloseable closeable) {
                try {
                    closeable.close(); // e.g. the scan log writes what it still holds
                } catch (Exception e) {
                    LoggerFactory.getLogger(ApiVerticle.class).warn("closing {}: {}", f.getClass().getSimpleName(), e.toString());
                }
            }
        }
        if (workers != null) {
            workers.close();
        }
        return Future.succeededFuture();
    }

    /** The bound port; useful when the configured port was 0. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
