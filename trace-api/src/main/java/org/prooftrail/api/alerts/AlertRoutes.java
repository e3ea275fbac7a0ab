package org.prooftrail.api.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.CsvExport;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.Database;
import org.prooftrail.store.alerts.Alert;
import org.prooftrail.store.alerts.AlertFilter;
import org.prooftrail.store.alerts.Alerts;

/**
 * {@code GET /v1/alerts} ({@code listAlerts}): what regulators are told about (second sales of a pack,
 * sales of withdrawn packs; later seq gaps and clone warnings), newest first, JSON or CSV, a page at a
 * time. Regulators see every organisation's alerts (or one's, with {@code org}); a company sees the
 * alerts about its own products, so a maker learns that its packs are being copied, and asking for
 * another organisation's is a 403. Admins manage organisations and tokens, not data: 403.
 */
public final class AlertRoutes implements ApiFeature {
    static final int DEFAULT_PAGE = 100;
    static final List<String> CSV_HEADER = List.of("id", "raised_at", "kind", "subject", "org", "details");

    private final Alerts alerts;

    public AlertRoutes(Database db) {
        this.alerts = new Alerts(db.dataSource());
    }

    @Override
    public void mount(ApiMount m) {
        m.operation("listAlerts").addHandler(m.auth().require(ApiRole.REGULATOR, ApiRole.COMPANY))
                .addHandler(ctx -> list(m, ctx));
    }

    private void list(ApiMount m, RoutingContext ctx) {
        AlertFilter filter;
        try {
            filter = filter(ctx);
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage());
            return;
        }
        Principal who = BearerAuth.principal(ctx);
        if (who.role() == ApiRole.COMPANY) {
            if (filter.orgId() != null && !m.auth().checkRead(ctx, filter.orgId())) {
                return;
            }
            filter = new AlertFilter(who.org(), filter.kind(), filter.from(), filter.to(), filter.beforeId(), filter.limit());
        }
        AlertFilter asked = filter;
        boolean csv = CsvExport.wanted(ctx.request().getHeader("accept"));
        m.workers().queries().executeBlocking(() -> alerts.page(asked), false).onSuccess(page -> {
            String next = page.size() < asked.limit() ? null : token(page.get(page.size() - 1).id());
            if (next != null) {
                ctx.response().putHeader("link", "<" + nextLink(ctx, next) + ">; rel=\"next\"");
            }
            ctx.response().putHeader("cache-control", "no-store");
            if (csv) {
                CsvExport out = CsvExport.withHeader(CSV_HEADER, page.size());
                page.forEach(a -> out.row(Long.toString(a.id()), a.raisedAt().toString(), a.kind(), a.subject(), a.orgId(),
                        a.details()));
                ctx.response().putHeader("content-type", CsvExport.CONTENT_TYPE)
                        .putHeader("content-disposition", "attachment; filename=\"alerts.csv\"").end(out.text());
                return;
            }
            JsonArray list = new JsonArray();
            page.forEach(a -> list.add(json(a)));
            JsonObject body = new JsonObject().put("alerts", list);
            if (next != null) {
                body.put("nextPageToken", next);
            }
            ctx.response().putHeader("content-type", "application/json").end(body.encode());
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    static JsonObject json(Alert a) {
        return new JsonObject().put("id", a.id()).put("kind", a.kind()).put("subject", a.subject()).put("org", a.orgId())
                .put("details", new JsonObject(a.details())).put("raisedAt", a.raisedAt().toString());
    }

    private static AlertFilter filter(RoutingContext ctx) {
        String rawLimit = ctx.queryParams().get("limit");
        int limit = rawLimit == null ? DEFAULT_PAGE : Integer.parseInt(rawLimit); // the contract checked its range
        String token = ctx.queryParams().get("pageToken");
        Long before = token == null ? null : beforeId(token);
        Instant from = time("from", ctx.queryParams().get("from"));
        Instant to = time("to", ctx.queryParams().get("to"));
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        return new AlertFilter(ctx.queryParams().get("org"), ctx.queryParams().get("kind"), from, to, before, limit);
    }

    /** The page token is the last listed alert's id: alerts only ever come after it, so pages never shift. */
    static String token(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("alert:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long beforeId(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("alert:")) {
                return Long.parseLong(s.substring(6));
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: not ours either way
        }
        throw new IllegalArgumentException("pageToken: is not a token this server gave out; use nextPageToken of the previous page");
    }

    private static Instant time(String name, String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + s + "' is not a date-time with offset, like 2026-03-01T00:00:00Z");
        }
    }

    private static String nextLink(RoutingContext ctx, String token) {
        StringBuilder b = new StringBuilder("/v1/alerts?pageToken=").append(token);
        for (String name : List.of("limit", "kind", "org", "from", "to")) {
            String v = ctx.queryParams().get(name);
            if (v != null) {
                b.append('&').append(name).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }
}
