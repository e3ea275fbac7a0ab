package org.prooftrail.api;

import java.time.Duration;
import org.prooftrail.core.config.Settings;
import org.prooftrail.ops.SlowClients;

/**
 * Where the HTTP API listens, and how many worker threads each kind of work gets (see
 * {@link ApiWorkers}). The API's database pool holds one connection per worker thread. A connection
 * on which no byte moved either way for {@code idleTimeout} is closed (see {@link SlowClients}).
 */
public record ApiSettings(String host, int port, int lookupThreads, int queryThreads, int bulkThreads,
                          int labelThreads, Duration idleTimeout) {
    public static final String HOST = "PT_HTTP_HOST";
    public static final String PORT = "PT_HTTP_PORT";
    public static final String LOOKUP_THREADS = "PT_API_LOOKUP_THREADS";
    public static final String QUERY_THREADS = "PT_API_QUERY_THREADS";
    public static final String BULK_THREADS = "PT_API_BULK_THREADS";
    public static final String LABEL_THREADS = "PT_API_LABEL_THREADS";
    public static final String IDLE_TIMEOUT = "PT_HTTP_IDLE_TIMEOUT";

    /** The defaults suit two cores and one PostgreSQL; two label generators, as each renders on all cores. */
    public ApiSettings(String host, int port) {
        this(host, port, 8, 4, 2, 2, SlowClients.DEFAULT_IDLE_TIMEOUT);
    }

    public static ApiSettings from(Settings s, int defaultPort) {
        return new ApiSettings(s.string(HOST, "0.0.0.0"), s.port(PORT, defaultPort),
                s.integer(LOOKUP_THREADS, 8, 1, 256),
                s.integer(QUERY_THREADS, 4, 1, 256),
                s.integer(BULK_THREADS, 2, 1, 64),
                s.integer(LABEL_THREADS, 2, 1, 64),
                positive(s, IDLE_TIMEOUT, SlowClients.DEFAULT_IDLE_TIMEOUT));
    }

    private static Duration positive(Settings s, String name, Duration fallback) {
        Duration d = s.duration(name, fallback);
        if (d.isNegative() || d.isZero()) {
            throw new org.prooftrail.core.config.ConfigException(name, "must be longer than zero, like 60s");
        }
        return d;
    }

    /** Threads in all pools: the most database connections the API can use at once. */
    public int workerThreads() {
        return lookupThreads + queryThreads + bulkThreads + labelThreads;
    }
}
