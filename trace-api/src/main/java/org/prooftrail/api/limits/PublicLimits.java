package org.prooftrail.api.limits;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.prooftrail.api.resolver.ClientAddress;
import org.prooftrail.core.config.Settings;

/**
 * One {@link PublicRateLimit} per {@link EndpointClass}, shared by every feature that answers without a
 * token, all reading the client address the same way ({@code PT_TRUSTED_PROXIES}).
 */
public final class PublicLimits {
    private final Map<EndpointClass, PublicRateLimit> limits;

    private PublicLimits(Map<EndpointClass, PublicRateLimit> limits) {
        this.limits = Map.copyOf(limits);
    }

    public static PublicLimits from(Settings s, MeterRegistry metrics) {
        ClientAddress clients = ClientAddress.from(s);
        Map<EndpointClass, PublicRateLimit> limits = new EnumMap<>(EndpointClass.class);
        for (EndpointClass e : EndpointClass.values()) {
            limits.put(e, new PublicRateLimit(e, s.integer(e.setting(), e.defaultPerMinute(), 1, 1_000_000), clients, metrics));
        }
        return new PublicLimits(limits);
    }

    public PublicRateLimit of(EndpointClass endpoints) {
        return limits.get(endpoints);
    }
}
