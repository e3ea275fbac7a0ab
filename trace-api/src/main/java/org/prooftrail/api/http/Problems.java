package org.prooftrail.api.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 9457 problem bodies: a status and a detail a person can act on; and the one mapping from a failure
 * to a status ({@link #failed}). Every 5xx carries a correlation id, in the body ({@code correlationId},
 * and {@code instance} as {@code urn:uuid:...}) and in the {@value #CORRELATION_HEADER} header, and is
 * logged exactly once with that id, here: an operator handed the id finds the one log line.
 */
public final class Problems {
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** How long a client should wait before retrying while the database is away. */
    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, detail, null);
    }

    /**
     * A problem the handler decided on. A 5xx sent this way (a server without a setting it needs, an
     * operation not implemented) is logged at WARN with its correlation id.
     *
     * @param extra members added to the problem object (e.g. the failing field), or null
     */
    public static void send(RoutingContext ctx, int status, String detail, JsonObject extra) {
        if (status >= 500) {
            String id = correlationId();
            LOG.warn("{} {} answered {}: {} [correlationId={}]", ctx.request().method(), ctx.request().path(),
                    status, detail, id);
            write(ctx.response(), status, detail, extra, id);
        } else {
            write(ctx.response(), status, detail, extra, null);
        }
    }

    /** For the few places without a routing context (requests HTTP could not decode); never a 5xx. */
    public static void send(HttpServerResponse response, int status, String detail) {
        write(response, status, detail, null, null);
    }

    /**
     * The one mapping from a failure to an answer: a failure that carries a 4xx (a refusal, a request
     * Vert.x could not read) becomes that problem; the database being unreachable is a 503 with
     * {@code Retry-After}, logged at WARN without a stack trace (it is not our bug and may repeat for
     * every request); anything else is the server's fault, a 500 logged at ERROR with its stack trace.
     */
    public static void failed(RoutingContext ctx, Throwable e) {
        if (e instanceof HttpException h && h.getStatusCode() >= 400 && h.getStatusCode() < 500) {
            write(ctx.response(), h.getStatusCode(), h.getPayload() != null ? h.getPayload()
                    : "the request could not be read: " + title(h.getStatusCode()), null, null);
            return;
        }
        String id = correlationId();
        String request = ctx.request().method() + " " + ctx.request().path();
        if (databaseAway(e)) {
            LOG.warn("{} answered 503, the database is away: {} [correlationId={}]", request, e, id);
            ctx.response().putHeader("retry-after", RETRY_AFTER_SECONDS);
            write(ctx.response(), 503, "the database does not answer; retry in a few seconds", null, id);
        } else {
            LOG.error("{} answered 500 [correlationId={}]", request, id, e);
            write(ctx.response(), 500, "the server failed on this request; quote correlation id " + id
                    + " to its operator", null, id);
        }
    }

    /**
     * Connection failures (SQLSTATE class 08, a pool that timed out waiting for a connection) and a server
     * shutting down or out of resources (57P01-57P03, class 53): retrying later can succeed.
     */
    static boolean databaseAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String correlationId() {
        return UUID.randomUUID().toString();
    }

    private static void write(HttpServerResponse response, int status, String detail, JsonObject extra, String id) {
        if (response.ended() || response.headWritten()) {
            if (!response.ended()) {
                response.reset();
            }
            return;
        }
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title(status))
                .put("status", status).put("detail", detail);
        if (extra != null) {
            body.mergeIn(extra);
        }
        if (id != null) {
            body.put("instance", "urn:uuid:" + id).put("correlationId", id);
            response.putHeader(CORRELATION_HEADER, id);
        }
        response.setStatusCode(status).putHeader("content-type", "application/problem+json")
                .putHeader("cache-control", "no-store")
                .end(body.encode());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
