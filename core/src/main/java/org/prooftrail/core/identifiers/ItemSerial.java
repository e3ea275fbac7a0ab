package org.prooftrail.core.identifiers;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Unguessable item serials (GS1 AI 21): 80 random bits written as 16 characters of Crockford's
 * base 32 ({@code 0-9A-Z} without I, L, O and U). Every character is in GS1 set 82 and the length is
 * within AI 21's 20, so a serial fits a Digital Link as is. Random, never sequential: someone who
 * holds one pack cannot derive the serial of the next, and a collision among a billion serials has
 * a chance of about 4 in 10^7 (the store still refuses duplicates and asks for new ones).
 */
public final class ItemSerial {
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int RANDOM_BITS = 80;
    public static final int LENGTH = RANDOM_BITS / 5;

    private final Random random;

    /** Serials from a {@link SecureRandom}; one generator may be shared by threads. */
    public ItemSerial() {
        this(new SecureRandom());
    }

    /** @param random a {@link SecureRandom} in production; tests may pass a seeded one */
    public ItemSerial(Random random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[RANDOM_BITS / 8];
        random.nextBytes(bytes);
        return encode(bytes);
    }

    /** Crockford base 32 of exactly 10 bytes, most significant bits first. */
    static String encode(byte[] tenBytes) {
        if (tenBytes.length * 8 != RANDOM_BITS) {
            throw new IllegalArgumentException("a serial encodes " + RANDOM_BITS / 8 + " bytes");
        }
        char[] out = new char[LENGTH];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (byte b : tenBytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = ALPHABET.charAt((buffer >>> bits) & 0x1f);
            }
        }
        return new String(out);
    }

    /** True when {@code s} has the shape of a serial made here (length and alphabet). */
    public static boolean looksIssued(String s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
