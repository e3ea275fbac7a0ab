package org.prooftrail.api;

import org.prooftrail.core.config.Settings;

/** Where the HTTP API listens. */
public record ApiSettings(String host, int port) {
    public static final String HOST = "PT_HTTP_HOST";
    public static final String PORT = "PT_HTTP_PORT";

    public static ApiSettings from(Settings s, int defaultPort) {
        return new ApiSettings(s.string(HOST, "0.0.0.0"), s.port(PORT, defaultPort));
    }
}
