package org.prooftrail.ops;

import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds on what a client that sends slowly or not at all can hold. Vert.x's default is no idle timeout
 * at all: a client that opened a connection, or sent half a request's headers, held it for minutes (for
 * ever). The idle timeout closes a connection on which no byte moved either way for that long; the
 * header size bounds what one trickling client can make the server buffer. Vert.x 5.0.8 has no deadline
 * for a request's headers as a whole (its connection handler runs only once headers are complete), so
 * a client sending a byte every few seconds is bounded by the header size, not by time.
 *
 * <p>The idle timeout also cuts a request whose handler sends nothing for that long (measured with
 * Vert.x 5.0.8: a 3 s handler under a 1 s idle timeout loses its connection), so it must exceed the
 * longest quiet answer; 60 s is what nginx's proxy_read_timeout gives such answers by default anyway.
 */
public final class SlowClients {
    /** Phones send a request in well under a second; see above for why not shorter. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Netty's default; a token and the usual browser headers fit with room to spare. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    private SlowClients() {
    }

    /** The idle timeout (in milliseconds, so short test timeouts work too) and header bound on these options. */
    public static HttpServerOptions bounded(HttpServerOptions options, Duration idle) {
        return options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setIdleTimeout((int) Math.max(1, idle.toMillis()))
                .setMaxHeaderSize(MAX_HEADER_BYTES);
    }
}
