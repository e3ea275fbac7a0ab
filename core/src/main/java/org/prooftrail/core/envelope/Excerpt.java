package org.prooftrail.core.envelope;

/**
 * Input quoted in a rejection message: JSON-escaped and cut short, so that a message is one
 * printable line whatever the device sent.
 */
final class Excerpt {
    static final int MAX_CHARS = 64;

    private Excerpt() {
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8).append('"');
        int limit = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /** A parser's message made safe for one log line: control characters replaced, length capped. */
    static String line(String message) {
        String text = message == null ? "" : message;
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
        }
        return text.length() > out.length() ? out + "..." : out.toString();
    }

    /**
     * {@code prefix.name}, or {@code prefix["name"]} (escaped, shortened) when the member name is not
     * plain printable text: names come from the device and end up in logs.
     */
    static String path(String prefix, String name) {
        boolean plain = !name.isEmpty() && name.length() <= MAX_CHARS;
        for (int i = 0; plain && i < name.length(); i++) {
            char c = name.charAt(i);
            plain = c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '[' && c != ']' && c != '.';
        }
        if (!plain) {
            return prefix + "[" + quote(name) + "]";
        }
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
