package org.prooftrail.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

class InFlightDefaultsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aPodOf2GiBKeeps20000MessagesAndATenthOfItsHeapInFlight() {
        long heap = 1536 * MIB; // MaxRAMPercentage=75 of 2 GiB
        assertEquals(20_000, InFlightDefaults.messages(heap, 1000));
        assertEquals(heap / 10, InFlightDefaults.bytes(heap, 256 * 1024));
        assertEquals(heap / 10 / 4, InFlightDefaults.batchBytes((int) (heap / 10), 256 * 1024));
    }

    @Test
    void aSmallHeapHoldsFewerMessagesButNeverLessThanABatchOrTwoLargestEnvelopes() {
        assertEquals(16_384, InFlightDefaults.messages(256 * MIB, 1000));
        assertEquals(1000, InFlightDefaults.messages(8 * MIB, 1000));
        assertEquals(512 * 1024, InFlightDefaults.bytes(4 * MIB, 256 * 1024));
        assertEquals(256 * 1024, InFlightDefaults.batchBytes(512 * 1024, 256 * 1024));
    }

    @Test
    void aHugeHeapIsCappedAt1GiBOfPayload() {
        assertEquals(1024 * MIB, InFlightDefaults.bytes(64L * 1024 * MIB, 256 * 1024));
    }

    @Test
    void aByteBoundBelowTwiceTheLargestEnvelopeIsRefusedWithItsReason() {
        ConfigException e = assertThrows(ConfigException.class, () -> IngestSettings.from(Settings.of(Map.of(
                IngestSettings.MAX_IN_FLIGHT_BYTES, "300000"))));
        assertTrue(e.getMessage().contains("twice PT_INGEST_MAX_PAYLOAD_BYTES"), e.getMessage());
        IngestSettings ok = IngestSettings.from(Settings.of(Map.of(IngestSettings.MAX_IN_FLIGHT_BYTES, "600000")));
        assertEquals(600_000, ok.maxInFlightBytes());
        assertEquals(256 * 1024, ok.batchBytes(), "a quarter of it, but at least the largest envelope");
    }
}
