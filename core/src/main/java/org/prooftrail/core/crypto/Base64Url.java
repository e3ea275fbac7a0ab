package org.prooftrail.core.crypto;

import java.util.Base64;

/**
 * Strict base64url without padding (RFC 7515 section 2, RFC 4648 section 5).
 *
 * <p>The JDK decoder also accepts padding and ignores non-zero bits in the last character, so two
 * different strings can decode to the same bytes. Signed messages are stored and hashed as the exact
 * bytes received, so this decoder accepts exactly one spelling of each value.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes a whole string; throws {@link IllegalArgumentException} with a precise message if invalid. */
    public static byte[] decode(String text) {
        byte[] ascii = new byte[text.length()];
        for (int i = 0; i < ascii.length; i++) {
            char c = text.charAt(i);
            if (value(c) < 0) {
                throw new IllegalArgumentException(invalidCharacter(c, i));
            }
            ascii[i] = (byte) c;
        }
        return decode(ascii, 0, ascii.length);
    }

    /**
     * Decodes {@code bytes[from, to)}, which must be base64url characters only.
     *
     * @throws IllegalArgumentException naming the offending character and its offset in {@code bytes}
     */
    public static byte[] decode(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value(bytes[i]) < 0) {
                throw new IllegalArgumentException(invalidCharacter((char) (bytes[i] & 0xff), i));
            }
        }
        int length = to - from;
        int rest = length % 4;
        if (rest == 1) {
            throw new IllegalArgumentException("base64url text of length " + length + " is impossible");
        }
        if (rest != 0) {
            // The last character carries 4 (rest 2) or 2 (rest 3) bits that encode nothing; they must be 0.
            int unusedMask = rest == 2 ? 0x0f : 0x03;
            if ((value(bytes[to - 1]) & unusedMask) != 0) {
                throw new IllegalArgumentException("non-canonical base64url: unused bits of the last character are not zero");
            }
        }
        byte[] slice = from == 0 && to == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, from, to);
        return DECODER.decode(slice);
    }

    private static String invalidCharacter(char c, int index) {
        String shown = c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("0x%02x", (int) c);
        return "character " + shown + " at offset " + index + " is not base64url";
    }

    private static int value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }
}
