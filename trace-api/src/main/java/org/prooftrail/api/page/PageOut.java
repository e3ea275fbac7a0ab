package org.prooftrail.api.page;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A page being written: text as it comes, fragments already encoded copied in after it, and large
 * parts already encoded put in between by reference. What a page allocates sets how often the
 * collector pauses, and the pauses set the page's p99 (docs/benchmarks.md): so the text goes into
 * this thread's builder, kept between pages (it stays in UTF-16 once a page's Chinese text has
 * widened it), and is encoded into this thread's byte array, where fragments join it; each run of
 * text and fragments becomes one part of its exact size. The large shared parts are not copied, and
 * the parts are written one by one rather than merged (a composite buffer is merged into one heap
 * copy on its way to the socket).
 */
final class PageOut {
    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(16_384));
    private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[16_384]);
    private static final ThreadLocal<byte[]> STAGED = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    /** The text not yet encoded; write into it freely between the other calls. */
    final StringBuilder text = TEXT.get();
    private final List<Buffer> parts = new ArrayList<>(8);
    private byte[] staged = STAGED.get();
    private int stagedLength;
    private int length;

    PageOut() {
        text.setLength(0);
    }

    /** A part that other pages share, encoded once: sent as it is, not copied. */
    void shared(byte[] encoded) {
        emit();
        parts.add(BufferInternal.buffer(Unpooled.wrappedBuffer(encoded)));
        length += encoded.length;
    }

    /** A small piece already encoded (another pack's page has the same): copied in after the text so far. */
    void fragment(byte[] encoded) {
        encodeText();
        ensure(encoded.length);
        System.arraycopy(encoded, 0, staged, stagedLength, encoded.length);
        stagedLength += encoded.length;
    }

    ConsumerPage.Rendered done() {
        emit();
        return new ConsumerPage.Rendered(parts, length);
    }

    /** The text and fragments so far as one part of their exact size. */
    private void emit() {
        encodeText();
        if (stagedLength > 0) {
            parts.add(BufferInternal.buffer(Unpooled.wrappedBuffer(Arrays.copyOf(staged, stagedLength))));
            length += stagedLength;
            stagedLength = 0;
        }
    }

    private void encodeText() {
        int n = text.length();
        if (n == 0) {
            return;
        }
        char[] chars = CHARS.get();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
            CHARS.set(chars);
        }
        text.getChars(0, n, chars, 0);
        ensure(3 * n); // UTF-8 of a UTF-16 unit: at most three bytes
        stagedLength = Utf8.encode(chars, n, staged, stagedLength);
        text.setLength(0);
    }

    private void ensure(int more) {
        if (staged.length - stagedLength < more) {
            staged = Arrays.copyOf(staged, Math.max(stagedLength + more, 2 * staged.length));
            STAGED.set(staged);
        }
    }
}
