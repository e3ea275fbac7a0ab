package org.prooftrail.api.epcis;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.epcis.EventFeed;
import org.prooftrail.store.subscriptions.NamedQueries;
import org.prooftrail.store.subscriptions.Subscription;
import org.prooftrail.store.subscriptions.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /epcis/queries/{queryName}/subscriptions[/{subscriptionID}]} (GS1 REST bindings, webhooks): a
 * subscription sends the named query's new results to {@code dest}, either every new matching event
 * ({@code stream: true}) or on a {@link QuerySchedule}. A company's subscriptions receive only its own
 * organisation's events; a regulator's receive all. The secret is never shown again.
 */
final class SubscriptionRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRoutes.class);
    static final int MIN_TOKEN_CHARS = 16;

    private final WorkerExecutor workers;
    private final NamedQueries queries;
    private final Subscriptions subscriptions;
    private final EventFeed feed;
    private final WebhookDestinations destinations;
    private final MeterRegistry metrics;

    SubscriptionRoutes(WorkerExecutor workers, NamedQueries queries, Subscriptions subscriptions, EventFeed feed,
                       WebhookDestinations destinations, MeterRegistry metrics) {
        this.workers = workers;
        this.queries = queries;
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.destinations = destinations;
        this.metrics = metrics;
    }

    /** A subscription request the client must fix. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    void create(RoutingContext ctx) {
        NamedQueryRoutes.gs1Headers(ctx);
        Principal p = BearerAuth.principal(ctx);
        String scope = NamedQueryDefinition.scope(p);
        String name = ctx.pathParam("queryName");
        JsonObject body = ctx.body().asJsonObject();
        String dest = body.getString("dest");
        String token = body.getString("signatureToken");
        boolean stream = Boolean.TRUE.equals(body.getBoolean("stream"));
        JsonObject scheduleJson = body.getJsonObject("schedule");
        Instant initial;
        QuerySchedule schedule = null;
        Instant firstRun = null;
        try {
            if (stream == (scheduleJson != null)) {
                throw new Refused(stream ? "give either stream: true or a schedule, not both"
                        : "say when to notify: stream: true for every new matching event, or a schedule like {\"hour\": \"1\", \"minute\": \"5\"}");
            }
            if (stream && body.containsKey("reportIfEmpty") && body.getBoolean("reportIfEmpty")) {
                throw new Refused("reportIfEmpty applies to scheduled subscriptions; a stream reports events as they come");
            }
            if (token != null && token.length() < MIN_TOKEN_CHARS) {
                throw new Refused("signatureToken: at least " + MIN_TOKEN_CHARS + " characters, so signatures cannot be guessed");
            }
            initial = initialRecordTime(body.getString("initialRecordTime"));
            if (scheduleJson != null) {
                schedule = QuerySchedule.parse(scheduleJson);
                firstRun = schedule.next(Instant.now());
                if (firstRun == null) {
                    throw new Refused("schedule: no time matches it (e.g. dayOfMonth 31 in a month that has 30 days)");
                }
            }
        } catch (Refused | QuerySchedule.BadSchedule e) {
            refuse(ctx, e.getMessage());
            return;
        }
        String id = UUID.randomUUID().toString();
        Instant runAt = firstRun;
        workers.executeBlocking(() -> {
            try {
                destinations.check(dest);
            } catch (WebhookDestinations.Refused e) {
                return e.getMessage();
            }
            EventFeed.Position start = initial != null ? EventFeed.Position.START : feed.horizon();
            Subscription s = new Subscription(id, scope, name, NamedQueryDefinition.onlyOrg(p), dest, token,
                    Boolean.TRUE.equals(body.getBoolean("reportIfEmpty")), stream, scheduleJson == null ? null : scheduleJson.encode(),
                    initial, start, runAt, p.subject(), null, null, null);
            return subscriptions.create(s) ? null : "";
        }, false).compose(refusal -> refusal != null ? io.vertx.core.Future.succeededFuture(refusal)
                : workers.executeBlocking(() -> subscriptions.find(scope, name, id).orElseThrow(), false).map(s -> {
                    LOG.info("subscription {} to query {} of {} by {}: {} to {}", id, name, scope, p.subject(),
                            s.stream() ? "stream" : "schedule " + s.scheduleJson(), s.dest());
                    metrics.counter("pt_epcis_subscriptions_created_total").increment();
                    ctx.response().setStatusCode(201)
                            .putHeader("Location", "/epcis/queries/" + name + "/subscriptions/" + id)
                            .putHeader("content-type", "application/json").end(json(s).encode());
                    return (String) null;
                })).onComplete(ar -> {
                    if (ar.failed()) {
                        Problems.failed(ctx, ar.cause());
                    } else if ("".equals(ar.result())) {
                        NamedQueryRoutes.notFound(ctx, name);
                    } else if (ar.result() != null) {
                        refuse(ctx, ar.result());
                    }
                });
    }

    void list(RoutingContext ctx) {
        NamedQueryRoutes.gs1Headers(ctx);
        String scope = NamedQueryDefinition.scope(BearerAuth.principal(ctx));
        String name = ctx.pathParam("queryName");
        workers.executeBlocking(() -> queries.find(scope, name).isEmpty() ? null : subscriptions.list(scope, name), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        Problems.failed(ctx, ar.cause());
                    } else if (ar.result() == null) {
                        NamedQueryRoutes.notFound(ctx, name);
                    } else {
                        JsonArray out = new JsonArray();
                        ar.result().forEach(s -> out.add(json(s)));
                        ctx.response().putHeader("content-type", "application/json").end(out.encode());
                    }
                });
    }

    void one(RoutingContext ctx) {
        NamedQueryRoutes.gs1Headers(ctx);
        String scope = NamedQueryDefinition.scope(BearerAuth.principal(ctx));
        String name = ctx.pathParam("queryName");
        String id = ctx.pathParam("subscriptionID");
        workers.executeBlocking(() -> subscriptions.find(scope, name, id), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                noSubscription(ctx, name, id);
            } else {
                ctx.response().putHeader("content-type", "application/json").end(json(ar.result().get()).encode());
            }
        });
    }

    void delete(RoutingContext ctx) {
        NamedQueryRoutes.gs1Headers(ctx);
        String scope = NamedQueryDefinition.scope(BearerAuth.principal(ctx));
        String name = ctx.pathParam("queryName");
        String id = ctx.pathParam("subscriptionID");
        workers.executeBlocking(() -> subscriptions.delete(scope, name, id), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (!ar.result()) {
                noSubscription(ctx, name, id);
            } else {
                LOG.info("subscription {} to query {} of {} deleted", id, name, scope);
                ctx.response().setStatusCode(204).end();
            }
        });
    }

    private void refuse(RoutingContext ctx, String detail) {
        metrics.counter("pt_epcis_subscriptions_refused_total").increment();
        LOG.info("subscription refused: {}", detail);
        Problems.send(ctx, 400, detail, new JsonObject().put("type", "epcisException:SubscriptionControlsException"));
    }

    private static Instant initialRecordTime(String value) throws Refused {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused("initialRecordTime: " + EventQuery.quote(value) + " is not an RFC 3339 date-time like 2025-06-01T08:30:00Z");
        }
    }

    private static void noSubscription(RoutingContext ctx, String name, String id) {
        Problems.send(ctx, 404, "no subscription " + EventQuery.quote(id) + " to your query " + EventQuery.quote(name),
                new JsonObject().put("type", "epcisException:NoSuchSubscriptionException"));
    }

    /** The subscription as the bindings' AbstractQuerySubscriptionResponse, without its secret. */
    static JsonObject json(Subscription s) {
        JsonObject out = new JsonObject().put("subscriptionID", s.id()).put("queryName", s.queryName())
                .put("dest", s.dest()).put("createdAt", s.createdAt().toString())
                .put("signed", s.signatureToken() != null);
        if (s.stream()) {
            out.put("stream", true);
        } else {
            out.put("schedule", new JsonObject(s.scheduleJson())).put("reportIfEmpty", s.reportIfEmpty());
            if (s.nextRunAt() != null) {
                out.put("nextRunAt", s.nextRunAt().toString());
            }
        }
        if (s.initialRecordTime() != null) {
            out.put("initialRecordTime", s.initialRecordTime().toString());
        }
        if (s.lastNotifiedAt() != null) {
            out.put("lastNotifiedAt", s.lastNotifiedAt().toString());
        }
        return out;
    }
}
