package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.prooftrail.api.auth.AuthSettings;
import org.prooftrail.api.auth.TokenIssuer;

/**
 * The console reads and writes only through the HTTP API, as any other client: each call carries a
 * token minted for the signed-in account (five minutes, subject {@code console:<username>}), so the
 * API's own role and organisation checks decide what the console may see or change, and nothing the
 * console shows can go further than the same person's bearer token would. Calls go back to the address
 * the browser's request arrived at, so the console needs no setting of its own to find the API.
 */
final class ConsoleApi {
    static final Duration TOKEN_TTL = Duration.ofMinutes(5);

    private final HttpClient client;
    private final TokenIssuer issuer;

    ConsoleApi(Vertx vertx, AuthSettings auth) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(16));
        this.issuer = auth.hmacSecret() == null ? null : new TokenIssuer(vertx, auth);
    }

    /** Whether accounts of this server can call its API: local accounts need the shared secret. */
    boolean available() {
        return issuer != null;
    }

    String token(ConsoleUser user) {
        return issuer.issue("console:" + user.username(), user.role(), user.org(), TOKEN_TTL);
    }

    /** Sends one call and reads the whole answer. {@code body} may be null. */
    Future<ApiAnswer> call(RoutingContext ctx, ConsoleUser user, HttpMethod method, String path, String contentType,
                           Buffer body, String accept) {
        return open(ctx, user, method, path, contentType, body, accept)
                .compose(resp -> resp.body().map(b -> new ApiAnswer(resp.statusCode(), resp.headers(), b)));
    }

    /** Like {@link #call(RoutingContext, ConsoleUser, HttpMethod, String, String, Buffer, String)}, with more headers. */
    Future<ApiAnswer> call(RoutingContext ctx, ConsoleUser user, HttpMethod method, String path, String contentType,
                           Buffer body, String accept, java.util.Map<String, String> headers) {
        return open(ctx, user, method, path, contentType, body, accept, headers)
                .compose(resp -> resp.body().map(b -> new ApiAnswer(resp.statusCode(), resp.headers(), b)));
    }

    /** Sends one call and hands back the answer unread, for downloads streamed on to the browser. */
    Future<HttpClientResponse> open(RoutingContext ctx, ConsoleUser user, HttpMethod method, String path,
                                    String contentType, Buffer body, String accept) {
        return open(ctx, user, method, path, contentType, body, accept, java.util.Map.of());
    }

    Future<HttpClientResponse> open(RoutingContext ctx, ConsoleUser user, HttpMethod method, String path,
                                    String contentType, Buffer body, String accept, java.util.Map<String, String> headers) {
        if (issuer == null) {
            return Future.failedFuture(new IllegalStateException("the console needs the server's shared token secret ("
                    + AuthSettings.SECRET + ") to call the API for its accounts"));
        }
        SocketAddress here = ctx.request().localAddress();
        RequestOptions o = new RequestOptions().setMethod(method).setHost(here.hostAddress()).setPort(here.port())
                .setURI(path).putHeader("authorization", "Bearer " + token(user)).setTimeout(120_000);
        if (accept != null) {
            o.putHeader("accept", accept);
        }
        if (contentType != null) {
            o.putHeader("content-type", contentType);
        }
        headers.forEach(o::putHeader);
        return client.request(o).compose(req -> body == null ? req.send() : req.send(body));
    }
}
