package org.prooftrail.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void decodesWhatTheJdkEncodes() {
        Random random = new Random(7);
        for (int length = 0; length < 200; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            byte[] text = ("." + Base64Url.encode(bytes) + ".").getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(bytes, Base64Url.decode(text, 1, text.length - 1), "length " + length);
        }
    }

    /** Any text of base64url characters: the same bytes as the JDK's decoder, or refused where its spelling is not the only one. */
    @Test
    void agreesWithTheJdkDecoderOnCanonicalText() {
        Random random = new Random(11);
        for (int n = 0; n < 20_000; n++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ALPHABET.charAt(random.nextInt(64));
            }
            String text = new String(chars);
            byte[] jdk;
            try {
                jdk = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                jdk = null;
            }
            boolean canonical = jdk != null && Base64Url.encode(jdk).equals(text);
            if (canonical) {
                assertArrayEquals(jdk, Base64Url.decode(text), text);
            } else {
                assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text), text);
            }
        }
    }

    /** The JDK's decoder goes first; whatever it lets through or refuses, the answer is the strict decoder's. */
    @Test
    void answersAsTheStrictDecoderDoes() {
        Random random = new Random(13);
        String chars = ALPHABET + "=====+/ \n.";
        for (int n = 0; n < 100_000; n++) {
            char[] text = new char[2 + random.nextInt(14)];
            for (int i = 0; i < text.length; i++) {
                text[i] = random.nextInt(4) == 0 ? chars.charAt(random.nextInt(chars.length())) : ALPHABET.charAt(random.nextInt(64));
            }
            byte[] bytes = new String(text).getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(outcome(() -> Base64Url.decodeStrictly(bytes, 1, bytes.length - 1)),
                    outcome(() -> Base64Url.decode(bytes, 1, bytes.length - 1)), new String(text));
        }
    }

    private static String outcome(java.util.function.Supplier<byte[]> decoding) {
        try {
            return java.util.Arrays.toString(decoding.get());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void namesTheFirstBadCharacterBeforeAnyOtherProblem() {
        byte[] text = "xxAB=CD*E".getBytes(StandardCharsets.US_ASCII);
        assertEquals("character '=' at offset 4 is not base64url",
                assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text, 2, text.length)).getMessage());
        byte[] control = "AAAAAAA\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("character 0x0a at offset 7 is not base64url",
                assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(control, 0, control.length)).getMessage());
        assertEquals("base64url text of length 5 is impossible",
                assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AAAAB")).getMessage());
        assertEquals("non-canonical base64url: unused bits of the last character are not zero",
                assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AB")).getMessage());
        assertEquals("non-canonical base64url: unused bits of the last character are not zero",
                assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AAB")).getMessage());
    }
}
