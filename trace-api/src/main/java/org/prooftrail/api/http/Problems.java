package org.prooftrail.api.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem bodies: a status and a detail a person can act on. */
public final class Problems {
    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, status, detail, null);
    }

    /** @param extra members added to the problem object (e.g. the failing field), or null */
    public static void send(RoutingContext ctx, int status, String detail, JsonObject extra) {
        send(ctx.response(), status, detail, extra);
    }

    /** For the few places without a routing context (requests HTTP could not decode). */
    public static void send(HttpServerResponse response, int status, String detail) {
        send(response, status, detail, null);
    }

    private static void send(HttpServerResponse response, int status, String detail, JsonObject extra) {
        if (response.ended()) {
            return;
        }
        JsonObject body = new JsonObject().put("type", "about:blank").put("title", title(status))
                .put("status", status).put("detail", detail);
        if (extra != null) {
            body.mergeIn(extra);
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
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
