package org.prooftrail.core.envelope;

/**
 * Strict UTF-8 validation. Jackson decodes some invalid UTF-8 without complaint (overlong forms such
 * as C0 AF for '/'), so two verifiers could read different text from the same signed bytes. Refused,
 * as the JDK's decoder refuses them: overlong forms, encoded surrogates, code points above U+10FFFF,
 * stray continuation bytes and truncated sequences.
 *
 * <p>Hand-written rather than the JDK's {@link java.nio.charset.CharsetDecoder} because that needs a
 * decoder and an output buffer per call: at ingest's 2,500 envelopes/s they were the largest allocator
 * in the process (3.5 GB sampled in 5 minutes), raising the GC frequency and with it the lookup server's
 * p99 in the same JVM. This allocates nothing and answers exactly as the decoder did (Utf8Test compares
 * the two exhaustively up to 3 bytes and on sampled longer input).
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The offset of the first byte that does not start valid UTF-8, or -1 if all of it is valid. As with
     * the JDK's decoder, a malformed or truncated sequence is reported at its first byte.
     */
    static int firstInvalidByte(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        while (i < n) {
            int lead = bytes[i];
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead < 0xC2) {
                return i; // a continuation byte with no lead, or C0/C1 (always overlong)
            } else if (lead < 0xE0) {
                length = 2;
            } else if (lead < 0xF0) {
                length = 3;
                if (lead == 0xE0) {
                    secondMin = 0xA0; // below: overlong
                } else if (lead == 0xED) {
                    secondMax = 0x9F; // above: surrogates D800..DFFF
                }
            } else if (lead < 0xF5) {
                length = 4;
                if (lead == 0xF0) {
                    secondMin = 0x90; // below: overlong
                } else if (lead == 0xF4) {
                    secondMax = 0x8F; // above: beyond U+10FFFF
                }
            } else {
                return i; // F5..FF: beyond U+10FFFF or never UTF-8
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
