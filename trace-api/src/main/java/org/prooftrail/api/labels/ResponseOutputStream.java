package org.prooftrail.api.labels;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A blocking stream onto an HTTP response, for generators running on worker threads. Bytes go out
 * in 64 KiB buffers with at most a few in flight, so a slow client slows the generator down instead
 * of the server buffering a whole ZIP or PDF. A client that went away fails the next write, which
 * stops the generator.
 */
final class ResponseOutputStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    private static final int IN_FLIGHT = 8;
    /** A client that reads nothing for this long is given up on. */
    private static final long STALL_SECONDS = 60;

    private final HttpServerResponse response;
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private volatile Throwable failure;
    private byte[] buf = new byte[CHUNK];
    private int n;

    ResponseOutputStream(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        if (n == buf.length) {
            flushChunk();
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == buf.length) {
                flushChunk();
            }
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    private void flushChunk() throws IOException {
        if (n == 0) {
            return;
        }
        checkFailure();
        try {
            if (!permits.tryAcquire(STALL_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the client read nothing for " + STALL_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client was slow");
        }
        Buffer chunk = Buffer.buffer(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
        buf = new byte[CHUNK]; // the chunk is handed to Netty as is; never reuse it
        n = 0;
        response.write(chunk).onComplete(ar -> {
            if (ar.failed()) {
                failure = ar.cause();
            }
            permits.release();
        });
    }

    private void checkFailure() throws IOException {
        if (failure != null) {
            throw new IOException("the client went away: " + failure.getMessage(), failure);
        }
    }

    /** Sends what is buffered and ends the response. */
    @Override
    public void close() throws IOException {
        flushChunk();
        checkFailure();
        response.end();
    }
}
