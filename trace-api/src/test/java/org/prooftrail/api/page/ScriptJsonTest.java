package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stringsReadBackAsWrittenAndCannotCloseTheScriptElement() throws Exception {
        StringBuilder control = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            control.append(c);
        }
        List<String> texts = List.of("", "plain", "\"quoted\" \\ back", "</script><!-- & -->", "line\u2028para\u2029",
                control.toString(), "冷链 2–8 °C 🧊", "\u007f\u0080\uffff");
        for (String s : texts) {
            String written = ScriptJson.string(new StringBuilder(), s).toString();
            assertEquals(s, JSON.readValue(written, String.class), "read back: " + written);
            assertEquals(JSON.readTree(Html.scriptJson(new JsonArray().add(s).encode())).get(0).asText(),
                    JSON.readValue(written, String.class), "as the encoder and Html.scriptJson write it");
            for (String unsafe : List.of("<", ">", "&", "\u2028", "\u2029")) {
                assertFalse(written.contains(unsafe), unsafe + " in " + written);
            }
        }
        assertEquals("null", ScriptJson.string(new StringBuilder(), null).toString());
        assertEquals("{\"a\":\"b\",\"c\":null", ScriptJson.field(ScriptJson.field(new StringBuilder(), true, "a", "b"), false, "c", null).toString());
    }

    @Test
    void localTimesAreWrittenAsTheFormatterWritesThem() {
        Random r = new Random(13);
        for (int i = 0; i < 200_000; i++) {
            Instant at = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 253_402_300_799L), r.nextInt(1_000_000_000));
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 4, 18 * 4 + 1) * 900);
            String expected = ConsumerPage.WHEN.format(at.atOffset(zone)) + " ("
                    + java.time.format.DateTimeFormatter.ofPattern("xxx").format(zone) + ")";
            assertEquals(expected, ConsumerPage.when(at, zone), at + " at " + zone);
        }
        assertEquals("2026-03-01 16:00 (+08:00)", ConsumerPage.when(Instant.parse("2026-03-01T08:00:59Z"), ZoneOffset.ofHours(8)));
        assertEquals("2026-02-28 20:30 (-03:30)", ConsumerPage.when(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.of("-03:30")));
        assertEquals("2026-03-01 00:00 (+00:00)", ConsumerPage.when(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
    }
}
