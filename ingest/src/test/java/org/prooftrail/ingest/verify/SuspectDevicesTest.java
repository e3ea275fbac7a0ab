package org.prooftrail.ingest.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuspectDevicesTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aDeviceIsSuspectForTheTimeGivenAfterItsLastBadSignature() {
        SuspectDevices s = new SuspectDevices(Duration.ofSeconds(60), 100);
        long t = 7 * SECOND;
        assertFalse(s.suspect("d1", t));
        s.badSignature("d1", t);
        assertTrue(s.suspect("d1", t + 59 * SECOND));
        assertFalse(s.suspect("d2", t + 59 * SECOND));
        s.badSignature("d1", t + 30 * SECOND); // a later one extends it
        assertTrue(s.suspect("d1", t + 89 * SECOND));
        assertFalse(s.suspect("d1", t + 90 * SECOND));
        assertEquals(0, s.size(), "let go once its time is up");
    }

    @Test
    void boundedNewSuspectsWaitForRoomAndExpiredOnesMakeIt() {
        SuspectDevices s = new SuspectDevices(Duration.ofSeconds(60), 3);
        s.badSignature("a", 0);
        s.badSignature("b", 10 * SECOND);
        s.badSignature("c", 20 * SECOND);
        s.badSignature("d", 30 * SECOND);
        assertFalse(s.suspect("d", 31 * SECOND), "no room and none expired: not remembered");
        assertEquals(3, s.size());
        s.badSignature("c", 40 * SECOND); // one already known is updated whatever the bound
        assertTrue(s.suspect("c", 99 * SECOND));
        s.badSignature("e", 65 * SECOND); // "a" has expired by then and makes room
        assertTrue(s.suspect("e", 66 * SECOND));
        assertFalse(s.suspect("a", 66 * SECOND));
        assertTrue(s.suspect("b", 66 * SECOND));
    }
}
