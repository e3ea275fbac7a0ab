package org.prooftrail.store.envelopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.testing.SigningDevice;

/** A device's missing seqs from the envelopes actually stored, against the real PostgreSQL. */
class DeviceGapsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static Database db;
    private static DeviceGaps gaps;

    @BeforeAll
    static void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        gaps = new DeviceGaps(db.dataSource());
        BatchWriter writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000);
        SigningDevice probe = new SigningDevice("farm", "gappy-probe").register(db.dataSource());
        // stored out of order and in two batches: the answer depends only on what is stored
        writer.write(LongStream.of(20, 0, 5, 2).mapToObj(n -> probe.overMqtt(reading(probe, n))).toList());
        writer.write(LongStream.of(1, 6, 10).mapToObj(n -> probe.overMqtt(reading(probe, n))).toList());
        SigningDevice whole = new SigningDevice("farm", "whole-probe").register(db.dataSource());
        // the same seqs a day later: a run's device times must come from its own device's envelopes
        writer.write(LongStream.range(3, 9).mapToObj(n -> whole.overMqtt(
                whole.readingsWithSeq(n, T0.plusSeconds(86_400 + 60 * n), 5.0))).toList());
        new SigningDevice("farm", "silent-probe").register(db.dataSource());
    }

    /** Seq n, signed at T0 + n minutes. */
    private static byte[] reading(SigningDevice d, long n) {
        return d.readingsWithSeq(n, T0.plusSeconds(60 * n), 5.0);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void runsOfMissingSeqsWithTheDeviceTimesEitherSide() throws Exception {
        DeviceGaps.Found f = gaps.of("gappy-probe", -1, 100);
        assertEquals(0L, f.firstSeq());
        assertEquals(20L, f.maxSeq());
        assertEquals(7, f.stored());
        assertEquals(3, f.gapCount());
        assertEquals(14, f.missing(), "21 seqs from 0 to 20, 7 stored");
        assertEquals(List.of(new DeviceGaps.Gap(3, 4, T0.plusSeconds(120), T0.plusSeconds(300)),
                new DeviceGaps.Gap(7, 9, T0.plusSeconds(360), T0.plusSeconds(600)),
                new DeviceGaps.Gap(11, 19, T0.plusSeconds(600), T0.plusSeconds(1200))), f.gaps());
        assertFalse(f.more());
        assertEquals(9, f.gaps().get(2).missing());
    }

    @Test
    void pagesStartAfterASeqAndCountEverything() throws Exception {
        DeviceGaps.Found first = gaps.of("gappy-probe", -1, 2);
        assertEquals(List.of(3L, 7L), first.gaps().stream().map(DeviceGaps.Gap::fromSeq).toList());
        assertTrue(first.more());
        assertEquals(3, first.gapCount());
        DeviceGaps.Found second = gaps.of("gappy-probe", 7, 2);
        assertEquals(List.of(11L), second.gaps().stream().map(DeviceGaps.Gap::fromSeq).toList());
        assertFalse(second.more());
        assertEquals(14, second.missing());
        DeviceGaps.Found past = gaps.of("gappy-probe", 11, 2);
        assertEquals(List.of(), past.gaps());
        assertEquals(3, past.gapCount(), "the totals come with an empty page too");
        assertEquals(7, past.stored());
    }

    @Test
    void aDeviceWithoutGapsOrWithoutEnvelopes() throws Exception {
        DeviceGaps.Found whole = gaps.of("whole-probe", -1, 10);
        assertEquals(3L, whole.firstSeq());
        assertEquals(8L, whole.maxSeq());
        assertEquals(6, whole.stored());
        assertEquals(0, whole.gapCount());
        assertEquals(List.of(), whole.gaps());
        DeviceGaps.Found silent = gaps.of("silent-probe", -1, 10);
        assertNull(silent.firstSeq());
        assertNull(silent.maxSeq());
        assertEquals(0, silent.stored());
        assertEquals(0, silent.missing());
        assertThrows(IllegalArgumentException.class, () -> gaps.of("whole-probe", -1, DeviceGaps.MAX_PAGE + 1));
    }
}
