package org.prooftrail.api.epcis;

import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.epcis.EventSearch;

/**
 * {@code GET /epcis/events}, {@code /epcis/events/{eventID}} and {@code /epcis/epcs/{epc}/events}:
 * EPCISQueryDocuments of events as captured (plus recordTime), a company seeing only its own
 * organisation's events and a regulator all. The events' extension namespaces are defined in the
 * answer's {@code @context} ({@link AnswerContext}). Pages are linked with {@code Link: <...>; rel="next"}.
 */
final class QueryRoutes {
    private final WorkerExecutor workers;
    private final EpcisSettings settings;
    private final EventSearch search;
    private final PageToken tokens;

    QueryRoutes(WorkerExecutor workers, EpcisSettings settings, EventSearch search, PageToken tokens) {
        this.workers = workers;
        this.settings = settings;
        this.search = search;
        this.tokens = tokens;
    }

    void query(RoutingContext ctx) {
        answer(ctx, ctx.queryParams(), "/epcis/events");
    }

    void forEpc(RoutingContext ctx) {
        String epc = ctx.pathParam("epc");
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> e : ctx.queryParams()) {
            if (!e.getKey().equals("perPage") && !e.getKey().equals("nextPageToken")) {
                Problems.send(ctx, 400, "unsupported query parameter " + EventQuery.quote(e.getKey())
                        + " here; use /epcis/events?MATCH_anyEPC=... to filter further");
                return;
            }
            params.add(e.getKey(), e.getValue());
        }
        params.add("MATCH_anyEPC", epc);
        answer(ctx, params, "/epcis/epcs/" + URLEncoder.encode(epc, StandardCharsets.UTF_8) + "/events");
    }

    private void answer(RoutingContext ctx, MultiMap params, String path) {
        gs1Headers(ctx);
        EventQuery q;
        try {
            q = EventQuery.parse(params, Math.min(EpcisSettings.DEFAULT_PER_PAGE, settings.maxPerPage()), settings.maxPerPage());
        } catch (EventQuery.BadQuery e) {
            Problems.send(ctx, 400, e.getMessage(), new JsonObject().put("type", "epcisException:QueryParameterException"));
            return;
        }
        String onlyOrg = onlyOrg(ctx);
        // The forEpc path keeps MATCH_anyEPC in the parameters, so the digest binds tokens to the EPC too.
        byte[] digest = q.digest("/epcis/events", onlyOrg == null ? "*" : "org:" + onlyOrg);
        PageToken.Cursor after = null;
        if (q.pageToken != null) {
            after = tokens.read(q.pageToken, digest).orElse(null);
            if (after == null) {
                Problems.send(ctx, 400, "nextPageToken is not one this server issued for this query and caller; "
                        + "repeat the query without it", new JsonObject().put("type", "epcisException:QueryParameterException"));
                return;
            }
        }
        long served = after == null ? 0 : after.served();
        int size = q.countLimit == null ? q.perPage : (int) Math.max(0, Math.min(q.perPage, q.countLimit - served));
        PageToken.Cursor from = after;
        workers.executeBlocking(() -> size == 0 ? new EventSearch.Page(java.util.List.of(), false)
                : search.page(q.filter, onlyOrg, from == null ? null : new EventSearch.After(from.micros(), from.id()), size), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
                return;
            }
            EventSearch.Page page = ar.result();
            long total = served + page.rows().size();
            boolean more = page.more() && (q.countLimit == null || total < q.countLimit);
            if (more) {
                EventSearch.Row last = page.rows().get(page.rows().size() - 1);
                String token = tokens.issue(new PageToken.Cursor(last.sortMicros(), last.id(), total), digest);
                ctx.response().putHeader("Link", "<" + nextUrl(ctx, path, params, token) + ">; rel=\"next\"");
            }
            AnswerContext answer = AnswerContext.of(page.rows().stream().map(QueryRoutes::event).toList());
            ctx.response().putHeader("content-type", "application/json")
                    .end(queryDocument(answer.context(), new JsonArray(new java.util.ArrayList<>(answer.events()))).encode());
        });
    }

    void one(RoutingContext ctx) {
        gs1Headers(ctx);
        String id = ctx.pathParam("eventID");
        String onlyOrg = onlyOrg(ctx);
        workers.executeBlocking(() -> search.byEventId(id, onlyOrg), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                // The same answer whether it does not exist or belongs to another organisation.
                Problems.send(ctx, 404, "no event " + EventQuery.quote(id) + " visible to you");
            } else {
                AnswerContext answer = AnswerContext.of(java.util.List.of(event(ar.result().get())));
                JsonObject standalone = new JsonObject().put("@context", answer.context());
                standalone.mergeIn(answer.events().get(0));
                ctx.response().putHeader("content-type", "application/json").end(standalone.encode());
            }
        });
    }

    private static String onlyOrg(RoutingContext ctx) {
        Principal p = BearerAuth.principal(ctx);
        return p.role() == ApiRole.COMPANY ? p.org() : null;
    }

    private static void gs1Headers(RoutingContext ctx) {
        ctx.response().putHeader("GS1-EPCIS-Version", "2.0.0").putHeader("GS1-CBV-Version", "2.0.0");
    }

    /**
     * The event as captured, with its recordTime and, when the sender gave no eventID, its CBV 2.0 event hash
     * ID as eventID (the way CBV 2.0 names such events, so anyone holding the event can recompute it).
     */
    static JsonObject event(EventSearch.Row r) {
        JsonObject event = new JsonObject(r.doc());
        if (!event.containsKey("eventID")) {
            // every row the store writes has a hash ID; a row inserted by hand may not
            event.put("eventID", r.hashId() != null ? r.hashId() : r.eventId());
        }
        event.put("recordTime", r.recordTime().toString());
        return event;
    }

    static JsonObject queryDocument(JsonArray context, JsonArray events) {
        return new JsonObject()
                .put("@context", context)
                .put("type", "EPCISQueryDocument")
                .put("schemaVersion", "2.0")
                .put("creationDate", Instant.now().toString())
                .put("epcisBody", new JsonObject().put("queryResults", new JsonObject()
                        .put("queryName", "SimpleEventQuery")
                        .put("resultsBody", new JsonObject().put("eventList", events))));
    }

    private static String nextUrl(RoutingContext ctx, String path, MultiMap params, String token) {
        StringBuilder url = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> e : path.startsWith("/epcis/epcs/") ? ctx.queryParams() : params) {
            if (e.getKey().equals("nextPageToken")) {
                continue;
            }
            url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return url.append(sep).append("nextPageToken=").append(token).toString();
    }
}
