package org.prooftrail.core.config;

import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

/** Where PostgreSQL is and how many connections a role may hold. */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
    public static final String URL = "PT_DB_URL";
    public static final String USER = "PT_DB_USER";
    public static final String PASSWORD = "PT_DB_PASSWORD";
    public static final String POOL_SIZE = "PT_DB_POOL_SIZE";

    public DatabaseSettings {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(URL, "must be a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/prooftrail, got '" + url + "'");
        }
    }

    public static DatabaseSettings from(Settings s) {
        return new DatabaseSettings(
                s.required(URL, "a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/prooftrail"),
                s.string(USER, "postgres"),
                s.string(PASSWORD, ""),
                s.integer(POOL_SIZE, 8, 1, 200));
    }

    /** The same server and credentials, another database on it. */
    public DatabaseSettings onDatabase(String name) {
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return new DatabaseSettings(url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query)),
                user, password, poolSize);
    }

    /** The same database with another pool size. */
    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, user, password, size);
    }

    /** The URL without credentials, for logs and the printed summary. */
    public String displayUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
