package org.prooftrail.api.page;

/**
 * JSON written straight into a page's text, safe inside {@code <script type="application/json">}
 * exactly as {@link Html#scriptJson} makes encoded JSON safe: {@code <}, {@code >}, {@code &}, U+2028
 * and U+2029 are escaped, so no sequence can close the element. The page's per-pack data is written
 * this way rather than built as a JSON object, encoded and escaped again: that round trip was the
 * largest share of what a page allocated (docs/benchmarks.md).
 */
final class ScriptJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ScriptJson() {
    }

    /** A JSON string, or {@code null}. */
    static StringBuilder string(StringBuilder b, String s) {
        if (s == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(b, c);
                default -> {
                    if (c < 0x20) {
                        unicode(b, c);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** {@code ,"name":"value"} (or {@code {"name":...} when first); names are the page's own, plain ASCII. */
    static StringBuilder field(StringBuilder b, boolean first, String name, String value) {
        return string(b.append(first ? '{' : ',').append('"').append(name).append("\":"), value);
    }

    /** A JSON number, or {@code null}. */
    static StringBuilder number(StringBuilder b, Long n) {
        return n == null ? b.append("null") : b.append(n.longValue());
    }

    private static void unicode(StringBuilder b, char c) {
        b.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
    }
}
