package org.prooftrail.api.epcis;

import java.time.Duration;
import java.util.Locale;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/**
 * Settings of EPCIS query subscriptions (webhooks).
 *
 * @param allowHttp     accept {@code http:} destinations too (tests, demo); otherwise only {@code https:}
 * @param allowPrivate  accept destinations that resolve to loopback, private, link-local or other
 *                      non-public addresses (tests, a demo on one host); otherwise refused (SSRF)
 * @param deliver       this server runs the delivery worker (every API replica may; leases keep one
 *                      subscription on one server at a time)
 * @param pollInterval  how often the worker looks for new events and due deliveries
 * @param batchEvents   most events in one delivered document
 * @param retryMin      first back-off after a failed delivery; doubled per failure up to {@code retryMax}
 * @param timeout       how long a receiver has to answer one delivery
 */
public record SubscriptionSettings(boolean allowHttp, boolean allowPrivate, boolean deliver, Duration pollInterval,
                                   int batchEvents, Duration retryMin, Duration retryMax, Duration timeout) {
    public static final String ALLOW_HTTP = "PT_EPCIS_SUBSCRIPTION_ALLOW_HTTP";
    public static final String ALLOW_PRIVATE = "PT_EPCIS_SUBSCRIPTION_ALLOW_PRIVATE";
    public static final String DELIVER = "PT_EPCIS_SUBSCRIPTION_DELIVER";
    public static final String POLL_INTERVAL = "PT_EPCIS_SUBSCRIPTION_POLL";
    public static final String BATCH_EVENTS = "PT_EPCIS_SUBSCRIPTION_BATCH";
    public static final String RETRY_MIN = "PT_EPCIS_SUBSCRIPTION_RETRY_MIN";
    public static final String RETRY_MAX = "PT_EPCIS_SUBSCRIPTION_RETRY_MAX";
    public static final String TIMEOUT = "PT_EPCIS_SUBSCRIPTION_TIMEOUT";

    public static SubscriptionSettings from(Settings s) {
        Duration poll = positive(s, POLL_INTERVAL, Duration.ofSeconds(1));
        Duration min = positive(s, RETRY_MIN, Duration.ofSeconds(1));
        Duration max = positive(s, RETRY_MAX, Duration.ofMinutes(5));
        if (max.compareTo(min) < 0) {
            throw new ConfigException(RETRY_MAX, "must be at least " + RETRY_MIN + " (" + min + "), got " + max);
        }
        return new SubscriptionSettings(flag(s, ALLOW_HTTP, false), flag(s, ALLOW_PRIVATE, false), flag(s, DELIVER, true),
                poll, s.integer(BATCH_EVENTS, 100, 1, 10_000), min, max, positive(s, TIMEOUT, Duration.ofSeconds(10)));
    }

    /** The wait after the {@code failures}-th failure in a row: retryMin doubled per failure, at most retryMax. */
    public Duration backoff(int failures) {
        Duration d = retryMin;
        for (int i = 1; i < failures && d.compareTo(retryMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    private static boolean flag(Settings s, String name, boolean fallback) {
        return s.flag(name, fallback);
    }

    private static Duration positive(Settings s, String name, Duration fallback) {
        Duration d = s.duration(name, fallback);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(name, "must be a positive duration like 500ms or 2s, got " + d);
        }
        return d;
    }
}
