package org.prooftrail.api.trace;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Optional;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.Database;
import org.prooftrail.core.trace.PageToken;
import org.prooftrail.core.trace.TraceId;
import org.prooftrail.core.trace.TraceWalk;

/**
 * {@code GET /v1/trace/{code}}: back to inputs and farm plots, or forward to every affected lot,
 * item, container, shipment and receiving location (a recall list, JSON or CSV). Regulators and
 * admins see all organisations; a company sees its own (see {@link TraceService}).
 */
public final class TraceRoutes implements ApiFeature {
    private final Database db;
    private final java.util.List<String> linkBases;

    /** @param linkBases the resolver bases under which events name items as Digital Links (a lot's items carry it there) */
    public TraceRoutes(Database db, java.util.List<String> linkBases) {
        this.db = db;
        this.linkBases = java.util.List.copyOf(linkBases);
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        // A Digital Link path or gtin/lot has slashes; a client may send them unencoded. Only paths
        // with more than one segment after /v1/trace/ come here; they go round again encoded.
        m.plain().getWithRegex("/v1/trace/([^/]+/.+)").handler(ctx -> {
            String rest = ctx.request().path().substring("/v1/trace/".length());
            String query = ctx.request().query();
            ctx.reroute(HttpMethod.GET, "/v1/trace/" + URLEncoder.encode(decode(rest), StandardCharsets.UTF_8).replace("+", "%20")
                    + (query == null ? "" : "?" + query));
        });
        m.operation("traceCode").addHandler(m.auth().require(ApiRole.REGULATOR, ApiRole.ADMIN, ApiRole.COMPANY))
                .addHandler(ctx -> trace(workers, ctx));
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private void trace(WorkerExecutor workers, RoutingContext ctx) {
        TraceQuery q;
        try {
            q = query(ctx);
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage());
            return;
        }
        Principal caller = BearerAuth.principal(ctx);
        boolean csv = wantsCsv(ctx.request().getHeader("accept"));
        TraceQuery asked = q;
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                c.setReadOnly(true);
                Optional<TraceQuery> resolved = ChinaCodes.resolve(c, asked);
                return resolved.isEmpty() ? null : TraceService.run(c, resolved.get(), caller, linkBases);
            }
        }, false).onSuccess(found -> {
            if (found == null) {
                Problems.send(ctx, 404, "no item was issued with China drug code " + q.code());
            } else if (found.isEmpty()) {
                Problems.send(ctx, 404, "no event " + (caller.role() == ApiRole.COMPANY ? "of your organisation " : "")
                        + "names " + q.code() + " (tried " + q.start().aliases().size() + " spellings of it)");
            } else if (csv) {
                ctx.response().putHeader("content-type", org.prooftrail.api.http.CsvExport.CONTENT_TYPE)
                        .putHeader("content-disposition", "attachment; filename=\"trace.csv\"")
                        .end(TraceCsv.of(found.get()));
            } else {
                ctx.response().putHeader("content-type", "application/json").end(found.get().encode());
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    static boolean wantsCsv(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
    }

    private static TraceQuery query(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("name a code: an EPC URI, a Digital Link, or gtin/lot");
        }
        String dir = ctx.queryParams().get("direction");
        TraceWalk.Direction direction;
        if (dir == null || dir.equals("forward")) {
            direction = TraceWalk.Direction.FORWARD;
        } else if (dir.equals("back")) {
            direction = TraceWalk.Direction.BACK;
        } else {
            throw new IllegalArgumentException("direction is back or forward");
        }
        int depth = intParam(ctx, "depth", TraceQuery.DEFAULT_DEPTH, 1, TraceQuery.MAX_DEPTH);
        int limit = intParam(ctx, "limit", TraceQuery.DEFAULT_LIMIT, 1, TraceQuery.MAX_LIMIT);
        TraceId start = TraceId.parse(code);
        String token = ctx.queryParams().get("pageToken");
        long offset = token == null ? 0 : PageToken.decode(token, code, direction == TraceWalk.Direction.FORWARD
                ? "forward" : "back", depth);
        return new TraceQuery(code, start, direction, depth, limit, offset);
    }

    private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParams().get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number between " + min + " and " + max);
        }
    }
}
