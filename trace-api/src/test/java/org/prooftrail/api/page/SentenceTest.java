package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A filled sentence is what formatting the whole, escaping it and putting the markup in made. */
class SentenceTest {
    private static final String TIME = "<time datetime=\"2026-03-01T08:00:00Z\">2026-03-01 16:00 (+08:00)</time>";

    @Test
    void scanSentencesInBothLanguages() {
        for (String lang : new String[] {"en", "zh"}) {
            PageText t = PageText.of(lang);
            for (long count : new long[] {2, 17, 1_234_567}) {
                String mark = "\u0000";
                String formatted = Html.esc(t.format("scans", count, mark)).replace(mark, TIME);
                assertEquals(formatted, Sentence.of(t.get("scans")).fill(new StringBuilder(), Long.toString(count), TIME).toString(), lang);
            }
        }
    }

    @Test
    void wordsAreEscapedAndNumberedPlaceholdersTakeTheirArgument() {
        String pattern = "<b> & %2$s then %1$s \"q\"";
        String filled = Sentence.of(pattern).fill(new StringBuilder(), "<i>one</i>", "<i>two</i>").toString();
        assertEquals(Html.esc(String.format(Locale.ROOT, pattern, "\u0001", "\u0002"))
                .replace("\u0001", "<i>one</i>").replace("\u0002", "<i>two</i>"), filled);
    }

    @Test
    void otherConversionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sentence.of("%.1f °C"));
        assertThrows(IllegalArgumentException.class, () -> Sentence.of("100%%"));
    }
}
