package org.prooftrail.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the API reads from when PostgreSQL's streaming replicas carry its reads ({@code PT_DB_READ_URL}):
 * one pgjdbc URL naming every replica ({@code jdbc:postgresql://r1:5432,r2:5432/prooftrail}), or several
 * URLs of the same database separated by commas, which are merged into that form. Connections are spread
 * over the hosts ({@code loadBalanceHosts=true}) and prefer standbys ({@code targetServerType=preferSecondary}),
 * unless the URL says otherwise. The user and password are the primary's unless set.
 *
 * @param settings the replicas' connection settings
 * @param maxWait  how long a query that must see everything committed before it was asked waits for a
 *                 replica to replay that far before reading the primary instead ({@code PT_DB_READ_WAIT})
 */
public record ReadReplicaSettings(DatabaseSettings settings, Duration maxWait) {
    public static final String URL = "PT_DB_READ_URL";
    public static final String USER = "PT_DB_READ_USER";
    public static final String PASSWORD = "PT_DB_READ_PASSWORD";
    public static final String WAIT = "PT_DB_READ_WAIT";
    private static final String PREFIX = "jdbc:postgresql://";

    /** Empty when {@code PT_DB_READ_URL} is not set: every read goes to the primary. */
    public static Optional<ReadReplicaSettings> from(Settings s, DatabaseSettings primary) {
        Optional<String> raw = s.optional(URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Duration wait = s.duration(WAIT, Duration.ofMillis(500));
        if (wait.isNegative()) {
            throw new ConfigException(WAIT, "must not be negative, like 500ms");
        }
        return Optional.of(new ReadReplicaSettings(new DatabaseSettings(url(raw.get()), s.string(USER, primary.user()),
                s.string(PASSWORD, primary.password()), primary.poolSize()), wait));
    }

    /** One pgjdbc multi-host URL from one or several, with load balancing over standbys unless named. */
    static String url(String raw) {
        List<String> hosts = new ArrayList<>();
        String pathAndQuery = null;
        for (String part : raw.split(",(?=\\s*jdbc:)")) {
            String u = part.trim();
            if (!u.startsWith(PREFIX)) {
                throw new ConfigException(URL, "must be JDBC URLs such as jdbc:postgresql://replica-1:5432,replica-2:5432/prooftrail, got '"
                        + u + "'");
            }
            String rest = u.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                throw new ConfigException(URL, "'" + u + "' names no database");
            }
            String tail = rest.substring(slash);
            if (pathAndQuery != null && !pathAndQuery.equals(tail)) {
                throw new ConfigException(URL, "every replica must serve the same database with the same parameters: '"
                        + pathAndQuery + "' and '" + tail + "'");
            }
            pathAndQuery = tail;
            hosts.add(rest.substring(0, slash));
        }
        String url = PREFIX + String.join(",", hosts) + pathAndQuery;
        if (!url.contains("targetServerType=")) {
            url += (url.contains("?") ? "&" : "?") + "targetServerType=preferSecondary";
        }
        if (!url.contains("loadBalanceHosts=")) {
            url += "&loadBalanceHosts=true";
        }
        return url;
    }
}
