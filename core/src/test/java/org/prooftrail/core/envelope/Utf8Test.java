package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8#firstInvalidByte} must answer exactly as the JDK's strict decoder, which it replaced. */
class Utf8Test {
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer out = CharBuffer.allocate(4096);

    /** The former implementation, with its decoder and buffer made once per test instead of per call. */
    private int jdk(byte[] bytes) {
        decoder.reset();
        out.clear();
        ByteBuffer in = ByteBuffer.wrap(bytes);
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

    private void same(byte[] bytes) {
        int expected = jdk(bytes);
        int actual = Utf8.firstInvalidByte(bytes);
        if (expected != actual) {
            fail(HexFormat.ofDelimiter(" ").formatHex(bytes) + ": JDK " + expected + ", ours " + actual);
        }
    }

    @Test
    void everySequenceOfOneTwoAndThreeBytes() {
        same(new byte[0]);
        byte[] one = new byte[1];
        byte[] two = new byte[2];
        byte[] three = new byte[3];
        for (int a = 0; a < 256; a++) {
            one[0] = (byte) a;
            same(one);
            for (int b = 0; b < 256; b++) {
                two[0] = (byte) a;
                two[1] = (byte) b;
                same(two);
                for (int c = 0; c < 256; c++) {
                    three[0] = (byte) a;
                    three[1] = (byte) b;
                    three[2] = (byte) c;
                    same(three);
                }
            }
        }
    }

    @Test
    void fourByteSequencesWithEveryLeadAndSecondAndSampledContinuations() {
        int[] sample = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF};
        byte[] four = new byte[4];
        for (int a = 0xF0; a <= 0xFF; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : sample) {
                    for (int d : sample) {
                        four[0] = (byte) a;
                        four[1] = (byte) b;
                        four[2] = (byte) c;
                        four[3] = (byte) d;
                        same(four);
                        same(new byte[] {'x', four[0], four[1], four[2], four[3], 'y'});
                    }
                }
            }
        }
    }

    @Test
    void randomArrays() {
        Random random = new Random(20261130L);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
            0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
        for (int n = 0; n < 300_000; n++) {
            byte[] bytes = new byte[random.nextInt(17)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (n % 2 == 0 ? random.nextInt(256) : interesting[random.nextInt(interesting.length)]);
            }
            same(bytes);
        }
        // Valid text of random code points (BMP and supplementary), then one byte changed.
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(6); k > 0; k--) {
                int cp;
                do {
                    cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x800);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                text.appendCodePoint(cp);
            }
            byte[] bytes = text.toString().getBytes(UTF_8);
            same(bytes);
            if (bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                same(bytes);
            }
        }
    }

    @Test
    void multilingualTextWithOneByteCorruptedAtEachPosition() {
        byte[] text = "溯源 ProofTrail: 牛奶 🥛 and apples 🍎, Ünïcödé, ελληνικά, عربى, 𝄞 ✓".getBytes(UTF_8);
        same(text);
        assertEquals(-1, Utf8.firstInvalidByte(text));
        int[] replacements = {0x00, 0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF};
        for (int i = 0; i < text.length; i++) {
            for (int r : replacements) {
                byte[] corrupted = text.clone();
                corrupted[i] = (byte) r;
                same(corrupted);
            }
            same(Arrays.copyOf(text, i)); // truncated, possibly inside a character
        }
    }

    @Test
    void errorsBeyondTheFormerOutputBuffer() {
        // More characters than the former 4096-char buffer held, so the old loop went round several times.
        byte[] text = ("牛奶🥛".repeat(3000)).getBytes(UTF_8);
        same(text);
        for (int i : new int[] {0, 4095, 4096, 8191, 12_287, text.length - 1}) {
            for (int r : new int[] {0x80, 0xC0, 0xED, 0xF4}) {
                byte[] corrupted = text.clone();
                corrupted[i] = (byte) r;
                same(corrupted);
            }
        }
        same(Arrays.copyOf(text, text.length - 1));
    }

    @Test
    void namedCases() {
        assertEquals(0, Utf8.firstInvalidByte(new byte[] {(byte) 0xC0, (byte) 0xAF})); // overlong '/'
        assertEquals(1, Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80})); // surrogate
        assertEquals(1, Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
        assertEquals(2, Utf8.firstInvalidByte(new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82})); // truncated at the end
        assertEquals(-1, Utf8.firstInvalidByte(new byte[] {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}));
    }
}
