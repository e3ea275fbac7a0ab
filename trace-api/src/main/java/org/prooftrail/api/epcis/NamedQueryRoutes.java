package org.prooftrail.api.epcis;

import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.epcis.EventSearch;
import org.prooftrail.store.subscriptions.NamedQueries;
import org.prooftrail.store.subscriptions.NamedQuery;

/**
 * {@code /epcis/queries} and {@code /epcis/queries/{queryName}[/events]} (GS1 REST bindings): named
 * queries of a company (seen and changed by that company only) or of the regulators, and their results
 * as EPCISQueryDocuments under the same visibility as {@code GET /epcis/events}.
 */
final class NamedQueryRoutes {
    private static final JsonObject QUERY_PARAMETER = new JsonObject().put("type", "epcisException:QueryParameterException");

    private final WorkerExecutor workers;
    private final EpcisSettings settings;
    private final NamedQueries queries;
    private final EventSearch search;
    private final PageToken tokens;

    NamedQueryRoutes(WorkerExecutor workers, EpcisSettings settings, NamedQueries queries, EventSearch search, PageToken tokens) {
        this.workers = workers;
        this.settings = settings;
        this.queries = queries;
        this.search = search;
        this.tokens = tokens;
    }

    void create(RoutingContext ctx) {
        gs1Headers(ctx);
        Principal p = BearerAuth.principal(ctx);
        JsonObject body = ctx.body().asJsonObject();
        String name = body.getString("name");
        JsonObject query = body.getJsonObject("query");
        try {
            EventQuery.parse(NamedQueryDefinition.params(query), 1, settings.maxPerPage());
        } catch (EventQuery.BadQuery e) {
            Problems.send(ctx, 400, e.getMessage(), QUERY_PARAMETER);
            return;
        }
        String scope = NamedQueryDefinition.scope(p);
        workers.executeBlocking(() -> queries.create(scope, name, query.encode(), p.subject()), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (!ar.result()) {
                Problems.send(ctx, 409, "a query named " + EventQuery.quote(name) + " exists already; delete it first or choose another name",
                        new JsonObject().put("type", "epcisException:ResourceAlreadyExistsException"));
            } else {
                ctx.response().setStatusCode(201).putHeader("Location", "/epcis/queries/" + name)
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("name", name).put("query", query).encode());
            }
        });
    }

    void list(RoutingContext ctx) {
        gs1Headers(ctx);
        String scope = NamedQueryDefinition.scope(BearerAuth.principal(ctx));
        int perPage = ctx.queryParams().contains("perPage") ? Integer.parseInt(ctx.queryParams().get("perPage")) : 30;
        String token = ctx.queryParams().get("nextPageToken");
        String after;
        try {
            after = token == null ? null : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, "nextPageToken is not one this server issued; list again without it", QUERY_PARAMETER);
            return;
        }
        workers.executeBlocking(() -> queries.list(scope, after, perPage + 1), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
                return;
            }
            List<NamedQuery> found = ar.result();
            if (found.size() > perPage) {
                found = found.subList(0, perPage);
                String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        found.get(perPage - 1).name().getBytes(StandardCharsets.UTF_8));
                ctx.response().putHeader("Link", "</epcis/queries?perPage=" + perPage + "&nextPageToken=" + next + ">; rel=\"next\"");
            }
            JsonArray out = new JsonArray();
            found.forEach(q -> out.add(json(q)));
            ctx.response().putHeader("content-type", "application/json").end(out.encode());
        });
    }

    void one(RoutingContext ctx) {
        gs1Headers(ctx);
        String scope = NamedQueryDefinition.scope(BearerAuth.principal(ctx));
        String name = ctx.pathParam("queryName");
        workers.executeBlocking(() -> queries.find(scope, name), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                notFound(ctx, name);
            } else {
                ctx.response().putHeader("content-type", "application/json").end(json(ar.result().get()).encode());
            }
        });
    }

    void delete(RoutingContext ctx) {
        gs1Headers(ctx);
        String scope = NamedQueryDefinition.scope(BearerAuth.principal(ctx));
        String name = ctx.pathParam("queryName");
        workers.executeBlocking(() -> queries.delete(scope, name), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (!ar.result()) {
                notFound(ctx, name);
            } else {
                ctx.response().setStatusCode(204).end();
            }
        });
    }

    /** The query's results, paged like GET /epcis/events (tokens bound to this query and caller). */
    void events(RoutingContext ctx) {
        gs1Headers(ctx);
        Principal p = BearerAuth.principal(ctx);
        String scope = NamedQueryDefinition.scope(p);
        String name = ctx.pathParam("queryName");
        workers.executeBlocking(() -> queries.find(scope, name), false).onComplete(found -> {
            if (found.failed()) {
                Problems.failed(ctx, found.cause());
                return;
            }
            if (found.result().isEmpty()) {
                notFound(ctx, name);
                return;
            }
            EventQuery q;
            try {
                MultiMap params = NamedQueryDefinition.params(new JsonObject(found.result().get().queryJson()));
                for (String paging : List.of("perPage", "nextPageToken")) {
                    if (ctx.queryParams().contains(paging)) {
                        params.add(paging, ctx.queryParams().get(paging));
                    }
                }
                q = EventQuery.parse(params, Math.min(EpcisSettings.DEFAULT_PER_PAGE, settings.maxPerPage()), settings.maxPerPage());
            } catch (EventQuery.BadQuery e) {
                Problems.send(ctx, 400, e.getMessage(), QUERY_PARAMETER);
                return;
            }
            page(ctx, p, name, q);
        });
    }

    private void page(RoutingContext ctx, Principal p, String name, EventQuery q) {
        String onlyOrg = NamedQueryDefinition.onlyOrg(p);
        byte[] digest = q.digest("/epcis/queries/" + name, onlyOrg == null ? "*" : "org:" + onlyOrg);
        PageToken.Cursor after = null;
        if (q.pageToken != null) {
            after = tokens.read(q.pageToken, digest).orElse(null);
            if (after == null) {
                Problems.send(ctx, 400, "nextPageToken is not one this server issued for this query and caller; "
                        + "read the results again without it", QUERY_PARAMETER);
                return;
            }
        }
        long served = after == null ? 0 : after.served();
        int size = q.countLimit == null ? q.perPage : (int) Math.max(0, Math.min(q.perPage, q.countLimit - served));
        PageToken.Cursor from = after;
        workers.executeBlocking(() -> size == 0 ? new EventSearch.Page(List.of(), false)
                : search.page(q.filter, onlyOrg, from == null ? null : new EventSearch.After(from.micros(), from.id()), size), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        Problems.failed(ctx, ar.cause());
                        return;
                    }
                    EventSearch.Page page = ar.result();
                    long total = served + page.rows().size();
                    if (page.more() && (q.countLimit == null || total < q.countLimit)) {
                        EventSearch.Row last = page.rows().get(page.rows().size() - 1);
                        String token = tokens.issue(new PageToken.Cursor(last.sortMicros(), last.id(), total), digest);
                        ctx.response().putHeader("Link", "</epcis/queries/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                + "/events?perPage=" + q.perPage + "&nextPageToken=" + token + ">; rel=\"next\"");
                    }
                    JsonArray events = new JsonArray();
                    page.rows().forEach(r -> events.add(QueryRoutes.event(r)));
                    ctx.response().putHeader("content-type", "application/json")
                            .end(resultDocument(name, null, events).encode());
                });
    }

    /**
     * An EPCISQueryDocument with the results of a named query (and, for a delivery, its subscription),
     * its {@code @context} defining the events' extension namespaces as every query answer does ({@link AnswerContext}).
     */
    static JsonObject resultDocument(String queryName, String subscriptionId, JsonArray events) {
        JsonObject results = new JsonObject().put("queryName", queryName);
        if (subscriptionId != null) {
            results.put("subscriptionID", subscriptionId);
        }
        java.util.List<JsonObject> stored = new java.util.ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            stored.add(events.getJsonObject(i));
        }
        AnswerContext answer = AnswerContext.of(stored);
        results.put("resultsBody", new JsonObject().put("eventList", new JsonArray(new java.util.ArrayList<>(answer.events()))));
        return new JsonObject()
                .put("@context", answer.context())
                .put("type", "EPCISQueryDocument")
                .put("schemaVersion", "2.0")
                .put("creationDate", Instant.now().toString())
                .put("epcisBody", new JsonObject().put("queryResults", results));
    }

    private static JsonObject json(NamedQuery q) {
        return new JsonObject().put("name", q.name()).put("query", new JsonObject(q.queryJson()));
    }

    static void notFound(RoutingContext ctx, String name) {
        Problems.send(ctx, 404, "no query named " + EventQuery.quote(name) + " of yours",
                new JsonObject().put("type", "epcisException:NoSuchNameException"));
    }

    static void gs1Headers(RoutingContext ctx) {
        ctx.response().putHeader("GS1-EPCIS-Version", "2.0.0").putHeader("GS1-CBV-Version", "2.0.0");
    }
}
