package org.prooftrail.store.scans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** The scan log's one writer: each lookup is stored, and the code's lookups are summed up. */
class ScanLogTest {
    private static final String GTIN = "00614141123452";
    private static Database db;
    private final ScanLog log = new ScanLog(2);

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
    void aProductIsCountedAsItselfAndManyRegionsAreFlagged() throws SQLException {
        try (Connection c = db.connection()) {
            Instant before = Instant.now().minusSeconds(60);
            ScanSummary first = log.record(c, GTIN, "", "", "DE", null);
            assertEquals(1, first.count());
            assertEquals(1, first.regions());
            assertFalse(first.tooManyRegions());
            assertTrue(first.since().isAfter(before), first.since().toString());
            log.record(c, GTIN, "L1", "", "FR", null);    // a lot of the product: counted apart
            ScanSummary unknown = log.record(c, GTIN, "", "", "unknown", null);
            assertEquals(2, unknown.count());
            assertEquals(1, unknown.regions(), "an unknown region is not a region");
            assertEquals(first.since(), unknown.since());
            ScanSummary third = log.record(c, GTIN, "", "", "US", null);
            assertEquals(3, third.count());
            assertEquals(2, third.regions());
            assertTrue(third.tooManyRegions(), "two regions reach the threshold of two");
            assertEquals(0, third.afterDispensing(), "a product is never dispensed");
            assertEquals(4, rows(c), "every lookup is a row");
        }
    }

    @Test
    void anItemIsOneCodeWhateverLotTheLinkNamesAndLookupsAfterDispensingAreCounted() throws SQLException {
        try (Connection c = db.connection()) {
            String gtin = "00614141999996";
            Instant dispensed = Instant.now().minusSeconds(3600);
            log.record(c, gtin, "L1", "S1", "DE", null);
            ScanSummary s = log.record(c, gtin, "WRONG", "S1", "DE", dispensed);
            assertEquals(2, s.count(), "the item's lookups under either lot");
            assertEquals(1, s.regions());
            assertFalse(s.tooManyRegions());
            assertEquals(2, s.afterDispensing(), "both lookups came after the item was dispensed");
            ScanSummary notYet = log.record(c, gtin, "L1", "S1", "DE", Instant.now().plusSeconds(3600));
            assertEquals(0, notYet.afterDispensing());
            assertEquals(1, log.record(c, gtin, "L1", "S2", "DE", null).count(), "another serial is another code");
        }
    }

    private static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM scan WHERE gtin = '" + GTIN + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
