package org.prooftrail.anchor.ledger.rfc3161;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.prooftrail.anchor.ledger.LedgerException;

/** The HTTP transport of RFC 3161 (§3.4): one POST of a DER query, one DER reply. */
final class TsaClient {
    static final String QUERY_TYPE = "application/timestamp-query";
    static final String REPLY_TYPE = "application/timestamp-reply";

    private final URI tsa;
    private final Duration timeout;
    private final HttpClient http;

    TsaClient(URI tsa, Duration timeout) {
        this.tsa = tsa;
        this.timeout = timeout;
        // HTTP/1.1: a cleartext HTTP/2 upgrade offer is something many TSA front ends mishandle.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends the query and returns the reply body; any failure is a {@link LedgerException} naming the TSA. */
    byte[] exchange(byte[] query) throws LedgerException {
        HttpRequest request = HttpRequest.newBuilder(tsa)
                .timeout(timeout)
                .header("Content-Type", QUERY_TYPE)
                .header("Accept", REPLY_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(query))
                .build();
        // The request timeout stops at the response headers; waiting on the future bounds the body too,
        // so a stalled TSA cannot hold the anchorer's worker for longer than the timeout.
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, info ->
                info.statusCode() == 200 ? BodySubscribers.ofByteArray() : BodySubscribers.replacing(new byte[0]));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for TSA " + tsa, e);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new LedgerException("no reply from TSA " + tsa + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new LedgerException("TSA " + tsa + " answered HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("(none)");
        if (!type.toLowerCase(Locale.ROOT).startsWith(REPLY_TYPE)) {
            throw new LedgerException("TSA " + tsa + " answered with content type " + type + ", not " + REPLY_TYPE);
        }
        return response.body();
    }

    private LedgerException failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new LedgerException("TSA " + tsa + " unreachable: no connection within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof ConnectException) {
            return new LedgerException("TSA " + tsa + " unreachable: " + describe(cause), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new LedgerException("no reply from TSA " + tsa + " within " + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof IOException) {
            return new LedgerException("exchange with TSA " + tsa + " failed: " + describe(cause), cause);
        }
        return new LedgerException("exchange with TSA " + tsa + " failed unexpectedly: " + describe(cause), cause);
    }

    /** The JDK's connection errors often have no message of their own; the cause chain says more. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 300; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(' ').append(t.getMessage());
            }
        }
        return text.toString();
    }
}
