package org.prooftrail.store.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * The scan log's one writer: lookups are summed up from what was written and what waits in memory,
 * and one statement writes a batch: every lookup a row, each code's summary row brought up to date.
 */
class ScanLogTest {
    private static final String GTIN = "00614141123452";
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aProductIsCountedAsItselfAndManyRegionsAreFlaggedBeforeAndAfterWriting() throws SQLException {
        try (ScanLog log = new ScanLog(db, 2); Connection c = db.connection()) {
            Instant before = Instant.now().minusSeconds(60);
            ScanSummary first = log.record(stored(c, GTIN, "", ""), GTIN, "", "", "DE", null);
            assertEquals(1, first.count(), "this lookup counts before it is written");
            assertEquals(1, first.regions());
            assertFalse(first.tooManyRegions());
            assertTrue(first.since().isAfter(before), first.since().toString());
            log.record(stored(c, GTIN, "L1", ""), GTIN, "L1", "", "FR", null);    // a lot of the product: counted apart
            ScanSummary unknown = log.record(stored(c, GTIN, "", ""), GTIN, "", "", "unknown", null);
            assertEquals(2, unknown.count(), "the first lookup waits in memory and is counted");
            assertEquals(1, unknown.regions(), "an unknown region is not a region");
            assertEquals(first.since(), unknown.since());
            assertEquals(3, log.waiting());

            log.flush();
            assertEquals(0, log.waiting());
            StoredScans written = stored(c, GTIN, "", "");
            assertEquals(2, written.count());
            assertEquals(first.since(), written.since());
            assertEquals(java.util.Set.of("DE"), written.regions());
            ScanSummary third = log.record(written, GTIN, "", "", "US", null);
            assertEquals(3, third.count(), "two written and this one");
            assertEquals(2, third.regions());
            assertTrue(third.tooManyRegions(), "two regions reach the threshold of two");
            assertEquals(0, third.afterDispensing(), "a product is never dispensed");
            log.flush();
            assertEquals(4, rows(c), "every lookup is a row");
            assertEquals(1, stored(c, GTIN, "L1", "").count());
            assertEquals(4, log.written());
        }
    }

    @Test
    void anItemIsOneCodeWhateverLotTheLinkNamesAndLookupsAfterDispensingAreCounted() throws SQLException {
        String gtin = "00614141999996";
        try (ScanLog log = new ScanLog(db, 3); Connection c = db.connection()) {
            Instant dispensed = Instant.now().minusSeconds(3600);
            log.record(stored(c, gtin, "L1", "S1"), gtin, "L1", "S1", "DE", null);
            ScanSummary s = log.record(stored(c, gtin, "L1", "S1"), gtin, "WRONG", "S1", "DE", dispensed);
            assertEquals(2, s.count(), "the item's lookups under either lot");
            assertEquals(2, s.afterDispensing(), "both lookups came after the item was dispensed");
            log.flush();
            StoredScans written = stored(c, gtin, "L1", "S1");
            assertEquals(2, written.count(), "one summary row for the item under either lot");
            assertEquals(1, written.afterDispensing(), "the second lookup was stored as after dispensing");
            ScanSummary notYet = log.record(written, gtin, "L1", "S1", "DE", Instant.now().plusSeconds(3600));
            assertEquals(0, notYet.afterDispensing());
            assertEquals(1, log.record(stored(c, gtin, "L1", "S2"), gtin, "L1", "S2", "DE", null).count(),
                    "another serial is another code");
        }
    }

    @Test
    void aBatchTheTableRefusesIsDroppedAndCountedSoThatLaterLookupsAreWritten() throws SQLException {
        String gtin = "00614141777770";
        try (ScanLog log = new ScanLog(db, 3); Connection c = db.connection()) {
            log.record(StoredScans.NONE, gtin, "", "", "BAD REGION!", null); // the table's check refuses it
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, log::flush);
            assertEquals(0, log.waiting());
            assertEquals(1, log.dropped());
            assertNull(stored(c, gtin, "", "").since());
            log.record(StoredScans.NONE, gtin, "", "", "DE", null);
            log.flush();
            assertEquals(1, stored(c, gtin, "", "").count());
        }
    }

    /** What the lookup's identity statement reads (see CodeIdentity), here without the code. */
    private static StoredScans stored(Connection c, String gtin, String lot, String serial) throws SQLException {
        try (var st = c.prepareStatement("SELECT " + StoredScans.COLUMNS + " FROM scan_summary ss WHERE gtin = ? AND serial = ? AND lot = ?")) {
            st.setString(1, gtin);
            st.setString(2, serial);
            st.setString(3, serial.isEmpty() ? lot : "");
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return StoredScans.NONE;
                }
                return new StoredScans(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray(3).getArray())), rs.getLong(4));
            }
        }
    }

    private static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM scan WHERE gtin = '" + GTIN + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
