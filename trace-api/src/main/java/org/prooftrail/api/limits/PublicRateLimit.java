package org.prooftrail.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.resolver.ClientAddress;

/**
 * The budget of one {@link EndpointClass} per client address: {@code perMinute} requests in each
 * minute, counted by a resilience4j {@link AtomicRateLimiter} per client (a lock-free fixed window
 * that refills every minute; a burst of up to twice the budget across a window's edge is accepted).
 * Over the budget: 429 with Retry-After (until the window refills) and {@code pt_public_rate_limited_total}
 * counted by class. The client is what {@link ClientAddress} says: the TCP peer, or behind trusted
 * proxies the address they forwarded, so a caller cannot choose its bucket. A request with a verified
 * token (proof bundles of a company or regulator) is not a public one and is not counted.
 * <p>
 * The per-client limiters live in a Caffeine cache bounded to {@value #MAX_CLIENTS} clients: a limiter
 * untouched for a minute has refilled, so forgetting it changes nothing; past the bound Caffeine evicts
 * (W-TinyLFU: a client seen often outlives a flood of one-off addresses) in amortised constant time,
 * off the event loop.
 */
public final class PublicRateLimit implements Handler<RoutingContext> {
    public static final int MAX_CLIENTS = 100_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final EndpointClass endpoints;
    private final int perMinute;
    private final RateLimiterConfig config;
    private final ClientAddress clients;
    private final Cache<String, AtomicRateLimiter> limiters;
    private final Counter refused;

    public PublicRateLimit(EndpointClass endpoints, int perMinute, ClientAddress clients, MeterRegistry metrics) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 per minute");
        }
        this.endpoints = endpoints;
        this.perMinute = perMinute;
        // never wait for a permit: a request over the budget is answered at once
        this.config = RateLimiterConfig.custom().limitForPeriod(perMinute).limitRefreshPeriod(WINDOW)
                .timeoutDuration(Duration.ZERO).build();
        this.clients = clients;
        this.limiters = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(WINDOW).build();
        Gauge.builder("pt.public.rate.limit.clients", limiters, Cache::estimatedSize)
                .tag("class", endpoints.label())
                .description("client addresses with a budget of this class of public endpoints (at most " + MAX_CLIENTS + ")")
                .register(metrics);
        this.refused = Counter.builder("pt.public.rate.limited").tag("class", endpoints.label())
                .description("public requests refused with 429 because their client address spent its budget")
                .register(metrics);
    }

    public EndpointClass endpoints() {
        return endpoints;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (allow(ctx)) {
            ctx.next();
        }
    }

    /** Takes a permit for the request's client; when none is left, answers 429 and returns false. */
    public boolean allow(RoutingContext ctx) {
        if (BearerAuth.principal(ctx) != null) {
            return true;
        }
        long seconds = take(ctx);
        if (seconds == 0) {
            return true;
        }
        ctx.response().putHeader("retry-after", Long.toString(seconds));
        Problems.send(ctx, 429, "too many " + endpoints.label() + " requests from your address: at most "
                + perMinute + " a minute; try again in " + seconds + " s");
        return false;
    }

    /**
     * Takes a permit for the request's client without answering: 0 when it had one, else the seconds
     * until it will (the refusal is counted), for callers that answer in their own format.
     */
    public long take(RoutingContext ctx) {
        String client = client(ctx);
        AtomicRateLimiter limiter = limiters.get(client, k -> new AtomicRateLimiter(endpoints.label(), config));
        if (limiter.acquirePermission()) {
            return 0;
        }
        refused.increment();
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** The budget per client address per minute. */
    public int perMinute() {
        return perMinute;
    }

    private String client(RoutingContext ctx) {
        String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
        return clients.client(peer, clients.trustsProxies()
                ? ctx.request().headers().getAll(clients.header().headerName()) : List.of());
    }
}
