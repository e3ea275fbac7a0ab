package org.prooftrail.core.envelope;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation. Jackson decodes some invalid UTF-8 without complaint (overlong forms such
 * as C0 AF for '/'), so two verifiers could read different text from the same signed bytes. The
 * JDK's decoder refuses overlong forms, encoded surrogates and truncated sequences.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The offset of the first byte that does not start valid UTF-8, or -1 if all of it is valid. */
    static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                result = decoder.flush(out);
                return result.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
