package org.prooftrail.api.page;

/**
 * UTF-8 from UTF-16 units in an array, into an array: what a page's text needs, without the
 * per-character calls of a {@link java.nio.charset.CharsetEncoder} over a builder (the largest
 * share of a page's rendering time in a profile) or a String in between.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Encodes {@code chars[0..n)} into {@code out} (at least {@code 3 * n} long); an unpaired surrogate
     * becomes {@code ?}, as {@code String.getBytes} makes it.
     *
     * @return the number of bytes written
     */
    static int encode(char[] chars, int n, byte[] out) {
        return encode(chars, n, out, 0);
    }

    /**
     * As {@link #encode(char[], int, byte[])}, written from {@code out[at]} on (at least {@code 3 * n}
     * bytes from there).
     *
     * @return where the bytes written end
     */
    static int encode(char[] chars, int n, byte[] out, int at) {
        int o = at;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    int cp = Character.toCodePoint(c, chars[++i]);
                    out[o++] = (byte) (0xF0 | cp >> 18);
                    out[o++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    out[o++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    out[o++] = '?';
                }
            } else {
                out[o++] = (byte) (0xE0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return o;
    }
}
