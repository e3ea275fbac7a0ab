package org.prooftrail.api.dispensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.prooftrail.store.dispensing.PackCode;

/** What a sale request must say beyond what the contract checks: one pack code, a true GLN, a past time. */
class DispensingRequestTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String GLN = "9506000000770";

    private static String refusal(JsonObject body) {
        return assertThrows(IllegalArgumentException.class, () -> DispensingRequest.parse(body, NOW)).getMessage();
    }

    @Test
    void aDigitalLinkUnderAnyBaseOrAsAPathNamesThePackAndItsLot() {
        DispensingRequest r = DispensingRequest.parse(new JsonObject().put("location", GLN)
                .put("digitalLink", "https://id.example.com/prefix/01/09506000134352/10/L%2F1/21/S1?17=281231"), NOW);
        assertEquals(PackCode.item("09506000134352", "L/1", "S1"), r.pack());
        assertNull(r.soldAt());
        assertEquals(PackCode.item("09506000134352", null, "S1"), DispensingRequest.parse(new JsonObject()
                .put("location", GLN).put("digitalLink", "/01/9506000134352/21/S1"), NOW).pack(), "GTIN-13 padded");
        assertEquals(PackCode.china("86123450012345678901"), DispensingRequest.parse(new JsonObject()
                .put("location", GLN).put("code", "86123450012345678901"), NOW).pack());
    }

    @Test
    void theTillsTimeIsKeptWithItsOffsetAndMayRunAFewMinutesFast() {
        assertEquals(Instant.parse("2026-11-30T02:15:00Z"), DispensingRequest.parse(new JsonObject().put("location", GLN)
                .put("code", "86123450012345678901").put("soldAt", "2026-11-30T10:15:00+08:00"), NOW).soldAt());
        assertEquals(NOW.plusSeconds(240), DispensingRequest.parse(new JsonObject().put("location", GLN)
                .put("code", "86123450012345678901").put("soldAt", NOW.plusSeconds(240).toString()), NOW).soldAt());
        assertTrue(refusal(new JsonObject().put("location", GLN).put("code", "86123450012345678901")
                .put("soldAt", NOW.plusSeconds(600).toString())).startsWith("soldAt: "));
        assertTrue(refusal(new JsonObject().put("location", GLN).put("code", "86123450012345678901")
                .put("soldAt", "2026-11-30 10:15")).startsWith("soldAt: "));
    }

    @Test
    void refusalsNameTheFieldAtFault() {
        assertTrue(refusal(new JsonObject().put("location", GLN)).contains("exactly one of code"));
        assertTrue(refusal(new JsonObject().put("location", GLN).put("code", "86123450012345678901")
                .put("digitalLink", "/01/09506000134352/21/S1")).contains("exactly one of code"));
        assertTrue(refusal(new JsonObject().put("location", GLN).put("code", "8612345001234567890X")).startsWith("code: "));
        assertTrue(refusal(new JsonObject().put("location", GLN).put("digitalLink", "/01/09506000134352/10/L1"))
                .contains("/21/{serial}"));
        assertTrue(refusal(new JsonObject().put("location", GLN).put("digitalLink", "https://example.com/p/1"))
                .startsWith("digitalLink: "));
        assertTrue(refusal(new JsonObject().put("location", GLN).put("digitalLink", "/01/09506000134353/21/S1"))
                .startsWith("digitalLink: GTIN check digit"));
        assertEquals("location: GLN check digit is 1 but should be 0",
                refusal(new JsonObject().put("location", "9506000000771").put("code", "86123450012345678901")));
        assertTrue(refusal(new JsonObject().put("location", "950600000077").put("code", "86123450012345678901"))
                .startsWith("location: "));
    }
}
