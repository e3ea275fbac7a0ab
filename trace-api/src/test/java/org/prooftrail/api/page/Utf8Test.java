package org.prooftrail.api.page;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The page's encoder writes exactly what String.getBytes(UTF_8) writes, unpaired surrogates included. */
class Utf8Test {
    @Test
    void encodesAsStringGetBytesDoes() {
        for (String s : new String[] {"", "plain ascii <b>", "2–8 °C · 示范制药 · 温度", "emoji 😀 and 𝄞",
                "lone high \uD83D end", "lone low \uDE00 end", "high at end \uD83D", "\u0000\u007F\u0080\u07FF\u0800\uFFFF"}) {
            char[] chars = s.toCharArray();
            byte[] out = new byte[3 * chars.length];
            int n = Utf8.encode(chars, chars.length, out);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(out, n), s);
        }
    }
}
