package org.prooftrail.store.envelopes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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

/** Seq-gap alerts raised once each, from where the previous look left off, against the real PostgreSQL. */
class GapAlertsTest {
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static final Duration NOW = Duration.ZERO;
    private static final Duration LATER = Duration.ofHours(1);
    private static Database db;
    private static BatchWriter writer;
    private static GapAlerts alerts;

    @BeforeAll
    static void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000);
        alerts = new GapAlerts(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void eachLookReadsFromWhereThePreviousLeftOffAndRaisesEveryRunOnce() throws Exception {
        SigningDevice d = new SigningDevice("farm", "watermark-reefer").register(db.dataSource());
        store(d, LongStream.rangeClosed(1, 10));
        store(d, LongStream.rangeClosed(20, 30));
        assertEquals(List.of("11..19"), runs(alerts.raiseDue(NOW, null, 100)));
        assertEquals(30L, checked(d), "every run up to the highest seq is alerted");

        // a new run revealed by an envelope younger than the setting: not due, and the next look must see it
        store(d, LongStream.rangeClosed(31, 40));
        store(d, LongStream.of(50, 51));
        assertEquals(List.of(), runs(alerts.raiseDue(LATER, null, 100)));
        assertEquals(40L, checked(d), "stops below the run that is not due yet, past the envelopes without a gap");
        assertEquals(List.of("41..49"), runs(alerts.raiseDue(NOW, null, 100)));
        assertEquals(51L, checked(d));

        // late envelopes below the point only split a run already alerted; nothing is raised twice
        store(d, LongStream.of(15, 45));
        assertEquals(List.of(), runs(alerts.raiseDue(NOW, null, 100)));
        assertEquals(2, count("SELECT count(*) FROM seq_gap_alert WHERE device_id = 'watermark-reefer'"));
    }

    @Test
    void aLookCutAtItsLimitKeepsItsPlaceAndTheNextRaisesTheRest() throws Exception {
        SigningDevice d = new SigningDevice("farm", "limited-reefer").register(db.dataSource());
        store(d, LongStream.of(1, 3, 5, 7));
        assertEquals(List.of("2..2", "4..4"), runs(alerts.raiseDue(NOW, null, 2)));
        assertNull(checked(d), "a look cut at its limit moves nothing");
        assertEquals(List.of("6..6"), runs(alerts.raiseDue(NOW, null, 2)));
        assertEquals(7L, checked(d));
    }

    @Test
    void aStreamResetForgetsThePointSinceTheNewStreamMayStartBelowIt() throws Exception {
        SigningDevice d = new SigningDevice("farm", "reflashed-reefer", 100).register(db.dataSource());
        store(d, LongStream.of(100, 102));
        assertEquals(List.of("101..101"), runs(alerts.raiseDue(NOW, null, 100)));
        assertEquals(102L, checked(d));
        new StreamResets(db.dataSource()).reset(d.id(), "admin:ops", "counter restarted after a repair");
        assertNull(checked(d));
        store(d, LongStream.of(1, 2, 4));
        // read from the device's first envelope again: the new stream's run below the old point is raised
        assertEquals("3..3", runs(alerts.raiseDue(NOW, null, 100)).get(0));
    }

    private static void store(SigningDevice d, LongStream seqs) throws Exception {
        writer.write(seqs.mapToObj(n -> d.overMqtt(d.readingsWithSeq(n, T0.plusSeconds(60 * n), 5.0))).toList());
    }

    private static List<String> runs(GapAlerts.Look look) {
        return look.raised().stream().map(g -> g.fromSeq() + ".." + g.toSeq()).toList();
    }

    private static Long checked(SigningDevice d) throws Exception {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT checked_seq FROM seq_gap_checked WHERE device_id = ?")) {
            st.setString(1, d.id());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
