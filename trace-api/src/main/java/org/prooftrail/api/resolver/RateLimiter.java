package org.prooftrail.api.resolver;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import org.prooftrail.api.http.Problems;

/**
 * A token bucket per client for the public endpoints: {@code perMinute} lookups a minute, with bursts
 * up to the same number. Over the limit: 429 with Retry-After. The client is what {@link ClientAddress}
 * says: the TCP peer, or behind trusted proxies the address they forwarded.
 * <p>
 * The buckets live in a Caffeine cache bounded to {@value #MAX_CLIENTS} clients: a bucket untouched for
 * a minute has refilled, so forgetting it changes nothing; past the bound Caffeine evicts (W-TinyLFU: a
 * client seen often outlives a flood of one-off addresses) in amortised constant time, off the event
 * loop. The hand-made table before swept all its entries on every request past 100,000 clients.
 */
public final class RateLimiter implements Handler<RoutingContext> {
    static final int MAX_CLIENTS = 100_000;

    private final double perNano;
    private final double capacity;
    private final ClientAddress clients;
    private final Cache<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute, ClientAddress clients, MeterRegistry metrics) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 per minute");
        }
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.clients = clients;
        // capacity == perMinute, so an empty bucket is full again after one minute
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(Duration.ofMinutes(1)).build();
        Gauge.builder("pt.resolver.rate.limit.clients", buckets, Cache::estimatedSize)
                .description("clients with a token bucket of the public rate limit (at most " + MAX_CLIENTS + ")")
                .register(metrics);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (allow(ctx)) {
            ctx.next();
        }
    }

    /** Takes a token for the request's client; when none is left, answers 429 and returns false. */
    public boolean allow(RoutingContext ctx) {
        String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
        String client = clients.client(peer, clients.trustsProxies()
                ? ctx.request().headers().getAll(clients.header().headerName()) : List.of());
        long now = System.nanoTime();
        Bucket b = buckets.get(client, k -> new Bucket(capacity, now));
        double wait;
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                wait = 0;
            } else {
                wait = (1 - b.tokens) / perNano / 1e9;
            }
        }
        if (wait == 0) {
            return true;
        }
        long seconds = Math.max(1, (long) Math.ceil(wait));
        ctx.response().putHeader("retry-after", Long.toString(seconds));
        Problems.send(ctx, 429, "too many lookups from your address: at most " + (long) capacity
                + " a minute; try again in " + seconds + " s");
        return false;
    }
}
