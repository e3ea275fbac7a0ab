package org.prooftrail.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A kept page's template gives back the page with each lookup's nonce, warnings and scan count put in. */
class PageTemplateTest {
    @Test
    void everySlotIsFilledInOrderAndTheRestIsKeptByteForByte() {
        String page = "<style nonce=\"" + ConsumerPage.NONCE + "\">°C</style>" + ConsumerPage.WARNINGS + "<p>示范</p>"
                + "<p id=\"pt-scans\">" + ConsumerPage.SCANS + "</p><script nonce=\"" + ConsumerPage.NONCE + "\"></script>";
        ConsumerPage.Template t = ConsumerPage.Template.of(Buffer.buffer(page));
        Buffer filled = t.fill("N0nce", "<p class=\"warn\">w</p>", "3 scans");
        assertEquals("<style nonce=\"N0nce\">°C</style><p class=\"warn\">w</p><p>示范</p><p id=\"pt-scans\">3 scans</p>"
                + "<script nonce=\"N0nce\"></script>", filled.toString(StandardCharsets.UTF_8));
        assertEquals("<style nonce=\"x\">°C</style><p>示范</p><p id=\"pt-scans\"></p><script nonce=\"x\"></script>",
                t.fill("x", "", "").toString(StandardCharsets.UTF_8), "empty slots leave nothing behind");
    }
}
