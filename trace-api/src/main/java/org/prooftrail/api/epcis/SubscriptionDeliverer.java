package org.prooftrail.api.epcis;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.prooftrail.store.epcis.EventFeed;
import org.prooftrail.store.epcis.EventFilter;
import org.prooftrail.store.subscriptions.Delivery;
import org.prooftrail.store.subscriptions.Subscription;
import org.prooftrail.store.subscriptions.SubscriptionOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery worker of query subscriptions, apart from capture and ingest: it reads events that are
 * already committed (the {@link EventFeed}, after each subscription's cursor), puts them as query
 * documents in the outbox together with the cursor move, and POSTs the oldest outbox document of each
 * subscription to its receiver, one at a time, so a subscription's documents arrive in order. A
 * document leaves the outbox only after a 2xx; a failure waits out a doubling back-off. Delivery is at
 * least once: a crash after the receiver's 2xx and before the outbox row is deleted repeats that
 * document, so receivers de-duplicate by eventID.
 */
final class SubscriptionDeliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionDeliverer.class);
    /** Documents one subscription may send per lease, so one busy subscription does not keep the lease forever. */
    private static final int ROUNDS_PER_LEASE = 5;
    private static final int CLAIM_LIMIT = 100;
    /** Subscriptions one server works on at once. */
    private static final int MAX_IN_FLIGHT = 500;

    private final Vertx vertx;
    private final SubscriptionSettings settings;
    private final EpcisSettings epcis;
    private final SubscriptionOutbox outbox;
    private final EventFeed feed;
    private final WebhookDestinations destinations;
    private final MeterRegistry metrics;
    private final WorkerExecutor workers;
    private final HttpClient client;
    private final Duration lease;
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private long timer = -1;

    SubscriptionDeliverer(Vertx vertx, SubscriptionSettings settings, EpcisSettings epcis, SubscriptionOutbox outbox,
                          EventFeed feed, WebhookDestinations destinations, MeterRegistry metrics) {
        this.vertx = vertx;
        this.settings = settings;
        this.epcis = epcis;
        this.outbox = outbox;
        this.feed = feed;
        this.destinations = destinations;
        this.metrics = metrics;
        this.workers = vertx.createSharedWorkerExecutor("pt-api-subscriptions", 2, 5, TimeUnit.MINUTES);
        // A receiver never redirects a delivery: a redirect could point inside the server's networks.
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) settings.timeout().toMillis()));
        // Longer than everything one lease may do, so a second server never sends the same subscription's next document early.
        this.lease = settings.timeout().multipliedBy(ROUNDS_PER_LEASE + 2).plusSeconds(5);
    }

    void start() {
        timer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> tick());
    }

    /**
     * Claims the subscriptions no server holds and works on each on its own: a slow or failing receiver
     * holds up only its own subscription, never the others' next rounds.
     */
    private void tick() {
        int room = MAX_IN_FLIGHT - held.size();
        if (closed || room <= 0 || !claiming.compareAndSet(false, true)) {
            return;
        }
        workers.executeBlocking(() -> outbox.claim(lease, Math.min(room, CLAIM_LIMIT)), false)
                .onComplete(ar -> claiming.set(false))
                .onSuccess(claimed -> {
                    for (Subscription s : claimed) {
                        held.add(s.id());
                        work(s, 0).onFailure(e -> {
                            if (!closed) {
                                LOG.warn("subscription {}: round failed: {}", s.id(), e.toString());
                            }
                        }).eventually(() -> workers.executeBlocking(() -> {
                            outbox.release(s.id());
                            return null;
                        }, false)).onComplete(done -> held.remove(s.id()));
                    }
                })
                .onFailure(e -> {
                    if (!closed) {
                        LOG.warn("claiming subscriptions failed: {}", e.toString());
                    }
                });
    }

    /** Sends what is due for one subscription, filling its outbox from the feed when it is empty. */
    private Future<Void> work(Subscription s, int round) {
        if (closed || round >= ROUNDS_PER_LEASE) {
            return Future.succeededFuture();
        }
        return workers.executeBlocking(() -> outbox.oldest(s.id()), false).compose(pending -> {
            if (pending.isPresent()) {
                if (!pending.get().due()) {
                    return Future.succeededFuture();
                }
                return send(s, pending.get().delivery()).compose(ok -> ok ? work(s, round + 1) : Future.succeededFuture());
            }
            return workers.executeBlocking(() -> fill(s), false)
                    .compose(filled -> filled.isPresent() ? work(filled.get(), round) : Future.succeededFuture());
        });
    }

    /**
     * Moves new matching events into the outbox; the subscription with its new cursor when a document
     * was queued, empty when there was nothing to send.
     */
    private Optional<Subscription> fill(Subscription s) throws Exception {
        Instant now = Instant.now();
        QuerySchedule schedule = null;
        if (!s.stream()) {
            if (s.nextRunAt() == null || s.nextRunAt().isAfter(now)) {
                return Optional.empty();
            }
            schedule = QuerySchedule.parse(new JsonObject(s.scheduleJson()));
        }
        EventQuery q;
        try {
            q = EventQuery.parse(NamedQueryDefinition.params(new JsonObject(s.queryJson())), 1, epcis.maxPerPage());
        } catch (EventQuery.BadQuery e) {
            LOG.error("subscription {}: its query {} no longer parses ({}); nothing is sent", s.id(), s.queryName(), e.getMessage());
            return Optional.empty();
        }
        EventFilter filter = q.filter;
        if (s.initialRecordTime() != null) {
            filter.atOrAfter(EventFilter.Time.RECORD_TIME, s.initialRecordTime());
        }
        EventFeed.Page page = feed.after(filter, s.onlyOrg(), s.cursor(), settings.batchEvents());
        // A schedule run that found more than one document's worth stays due, so the rest follows at once.
        Instant nextRun = schedule == null || page.more() ? null : schedule.next(now);
        boolean report = !page.rows().isEmpty() || (schedule != null && s.reportIfEmpty());
        if (!report && page.next().equals(s.cursor()) && nextRun == null) {
            return Optional.empty();
        }
        String body = null;
        if (report) {
            JsonArray events = new JsonArray();
            page.rows().forEach(r -> events.add(QueryRoutes.event(r)));
            body = NamedQueryRoutes.resultDocument(s.queryName(), s.id(), events).encode();
        }
        boolean moved = outbox.enqueue(s.id(), s.cursor(), page.next(), body, page.rows().size(), nextRun);
        if (!moved || !report) {
            return Optional.empty();
        }
        return Optional.of(new Subscription(s.id(), s.scope(), s.queryName(), s.onlyOrg(), s.dest(), s.signatureToken(),
                s.reportIfEmpty(), s.stream(), s.scheduleJson(), s.initialRecordTime(), page.next(),
                nextRun == null ? s.nextRunAt() : nextRun, s.createdBy(), s.createdAt(), s.lastNotifiedAt(), s.queryJson()));
    }

    /** POSTs one document; true when the receiver took it. */
    private Future<Boolean> send(Subscription s, Delivery d) {
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        return workers.executeBlocking(() -> destinations.check(s.dest()), false).compose(uri -> {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                    .setFollowRedirects(false).setIdleTimeout(settings.timeout().toMillis())
                    .putHeader("content-type", "application/json").putHeader("user-agent", "ProofTrail-EPCIS-Subscriptions")
                    .putHeader("GS1-EPCIS-Version", "2.0.0").putHeader("GS1-CBV-Version", "2.0.0");
            if (s.signatureToken() != null) {
                options.putHeader(WebhookSignature.HEADER, WebhookSignature.sign(s.signatureToken(), body));
            }
            // The answer's body is not read (a receiver cannot make the server buffer it), only its status.
            return client.request(options).compose(req -> req.send(Buffer.buffer(body)))
                    .compose((HttpClientResponse r) -> r.end().map(v -> r.statusCode() / 100 == 2 ? (String) null
                            : "the receiver answered HTTP " + r.statusCode()));
        }).recover(e -> Future.succeededFuture(e instanceof WebhookDestinations.Refused
                ? e.getMessage() : "the receiver could not be reached (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"))
                .compose(error -> workers.executeBlocking(() -> {
                    if (error == null) {
                        outbox.delivered(d);
                        metrics.counter("pt_epcis_subscription_deliveries_total", "outcome", "delivered").increment();
                        metrics.counter("pt_epcis_subscription_events_delivered_total").increment(d.eventCount());
                        return true;
                    }
                    Duration wait = settings.backoff(d.attempts() + 1);
                    outbox.failed(d, error, wait);
                    metrics.counter("pt_epcis_subscription_deliveries_total", "outcome", "failed").increment();
                    LOG.info("subscription {}: delivery {} (attempt {}) failed: {}; next try in {} ms", s.id(), d.id(),
                            d.attempts() + 1, error, wait.toMillis());
                    return false;
                }, false));
    }

    /** Stops the rounds and gives back the leases this server holds, so another server (or this one restarted) takes over at once. */
    @Override
    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        // Sends in flight are cut off first: a document of this server must not arrive after the next one sent by another.
        client.close();
        List<String> release = List.copyOf(held);
        workers.executeBlocking(() -> {
            for (String id : release) {
                outbox.release(id);
            }
            return null;
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.info("leases of {} subscriptions not given back ({}); they run out within {} s", release.size(),
                        ar.cause().toString(), lease.toSeconds());
            }
            workers.close();
        });
    }
}
