package org.prooftrail.api.resolver;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import org.prooftrail.api.http.Problems;

/**
 * A token bucket per client IP for the public endpoints: {@code perMinute} lookups a minute, with
 * bursts up to the same number. Over the limit: 429 with Retry-After. The client IP is the TCP
 * peer; behind a proxy that is the proxy, so deployments behind one should limit there instead.
 * Full buckets are forgotten when the table grows large, so memory stays bounded.
 */
public final class RateLimiter implements Handler<RoutingContext> {
    private static final int MAX_CLIENTS = 100_000;

    private final double perNano;
    private final double capacity;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 per minute");
        }
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (allow(ctx)) {
            ctx.next();
        }
    }

    /** Takes a token for the request's client; when none is left, answers 429 and returns false. */
    public boolean allow(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.tokens + (now - b.at) * perNano >= capacity);
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(capacity, now));
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
