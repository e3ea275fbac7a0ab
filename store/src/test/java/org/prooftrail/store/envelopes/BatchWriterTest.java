package org.prooftrail.store.envelopes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** The envelope writer against the real PostgreSQL: one transaction per batch, idempotent, nothing lost. */
class BatchWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    private static Database db;
    private static BatchWriter writer;

    @BeforeAll
    static void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        writer = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000, 1000);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aBatchIsStoredWithItsChunkInOneTransaction() throws Exception {
        SigningDevice d = new SigningDevice("farm", "farm-probe").register(db.dataSource());
        List<byte[]> jws = List.of(d.readingsWithSeq(0, T0, 4.0, 4.5), d.readingsWithSeq(1, T0.plusSeconds(60), 5.0),
                d.readingsWithSeq(2, T0.plusSeconds(120), 5.5));
        BatchOutcome outcome = writer.write(jws.stream().map(d::overMqtt).toList());

        assertEquals(3, outcome.stored());
        assertEquals(4, outcome.readings());
        assertEquals(0, outcome.duplicates());
        assertEquals(List.of(), outcome.refused());
        assertNotNull(outcome.chunkId());
        List<byte[]> leaves = new ArrayList<>();
        for (byte[] j : jws) {
            leaves.add(MerkleHasher.sha256().hashLeaf(j));
        }
        try (Connection c = db.connection()) {
            assertEquals(List.of("0 0", "1 1", "2 2"), strings(c, "SELECT seq || ' ' || leaf_index FROM envelope "
                    + "WHERE device_id = 'farm-probe' AND chunk_id = " + outcome.chunkId() + " ORDER BY seq"));
            assertEquals(List.of("3"), strings(c, "SELECT size FROM chunk WHERE id = " + outcome.chunkId()));
            try (PreparedStatement st = c.prepareStatement("SELECT root FROM chunk WHERE id = ?")) {
                st.setLong(1, outcome.chunkId());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertArrayEquals(MerkleTree.of(MerkleHasher.sha256(), leaves).root(), rs.getBytes(1),
                            "the chunk's root is over exactly the stored envelopes, in batch order");
                }
            }
            assertEquals(List.of("4"), strings(c, "SELECT count(*) FROM reading WHERE device_id = 'farm-probe'"));
            assertEquals(List.of("0 2 3"), strings(c, "SELECT first_seq || ' ' || max_seq || ' ' || stored_count "
                    + "FROM device_stream WHERE device_id = 'farm-probe'"));
        }

        // An event of an organisation that does not exist fails the batch: none of it stays.
        SigningDevice stranger = new SigningDevice("nowhere", "stray-gw");
        List<MessageVerdict> failing = List.of(d.overMqtt(d.readingsWithSeq(3, T0.plusSeconds(180), 6.0)),
                stranger.overMqtt(stranger.event(T0, event("urn:uuid:00000000-0000-4000-8000-00000000dead"))));
        assertThrows(SQLException.class, () -> writer.write(failing));
        try (Connection c = db.connection()) {
            assertEquals(List.of("0", "1", "2"), strings(c, "SELECT seq FROM envelope WHERE device_id = 'farm-probe' ORDER BY seq"));
            assertEquals(List.of("0 2 3"), strings(c, "SELECT first_seq || ' ' || max_seq || ' ' || stored_count "
                    + "FROM device_stream WHERE device_id = 'farm-probe'"));
            assertEquals(List.of("0"), strings(c, "SELECT count(*) FROM reading WHERE device_id = 'farm-probe' AND temperature_c = 6.0"));
        }
    }

    /** COPY is given text for each value; what PostgreSQL stores is what the verifier read from the device. */
    @Test
    void readingsAreStoredAsTheyWereRead() throws Exception {
        SigningDevice d = new SigningDevice("farm", "exact-probe").register(db.dataSource());
        ObjectNode payload = (ObjectNode) JSON.readTree("{\"dev\":\"exact-probe\",\"seq\":0,\"ts\":\"2026-06-01T08:00:00Z\",\"readings\":["
                + "{\"t\":\"2026-06-01T16:00:00.250+08:00\",\"temp\":4.5,\"hum\":55.0,\"lat\":31.2304,\"lon\":121.4737},"
                + "{\"t\":\"2026-06-01T08:00:01.123456Z\",\"temp\":-0.05,\"hum\":0.30000000000000004,\"x\":{\"door\":\"a \\\"b\\\", c\",\"g\":1e-7}},"
                + "{\"t\":\"2026-06-01T08:00:02Z\",\"temp\":-273.15,\"hum\":100,\"lat\":-0.0,\"lon\":1.5E+2},"
                + "{\"t\":\"2026-06-01T08:00:03.000001Z\",\"temp\":999.999999,\"x\":{\"big\":123456789012.5,\"ok\":true}}]}");
        byte[] jws = d.sign(payload);
        writer.write(List.of(d.overMqtt(jws)));
        List<ReadingRow> expected = RowDerivation.readings(d.verified(jws), 0);
        List<ReadingRow> stored = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement("SELECT time, temperature_c, humidity_pct, "
                + "latitude, longitude, extra::text FROM reading WHERE device_id = 'exact-probe' ORDER BY time")) {
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.add(new ReadingRow(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), "exact-probe", 0,
                            rs.getObject(2, Double.class), rs.getObject(3, Double.class), rs.getObject(4, Double.class),
                            rs.getObject(5, Double.class), rs.getString(6)));
                }
            }
        }
        assertEquals(expected.size(), stored.size());
        for (int i = 0; i < expected.size(); i++) {
            ReadingRow e = expected.get(i);
            ReadingRow s = stored.get(i);
            assertEquals(e.time(), s.time());
            assertEquals(List.of(e.temperatureC(), String.valueOf(e.humidityPct()), String.valueOf(e.latitude()), String.valueOf(e.longitude())),
                    List.of(s.temperatureC(), String.valueOf(s.humidityPct()), String.valueOf(s.latitude()), String.valueOf(s.longitude())));
            assertEquals(e.extra() == null ? null : JSON.readTree(e.extra()), s.extra() == null ? null : JSON.readTree(s.extra()));
        }
    }

    @Test
    void aDuplicateIsSkippedAndNotCountedTwice() throws Exception {
        SigningDevice d = new SigningDevice("dairy", "dairy-gw").register(db.dataSource());
        byte[] first = d.event(T0, event("urn:uuid:00000000-0000-4000-8000-000000000001"));
        byte[] second = d.event(T0.plusSeconds(1), event("urn:uuid:00000000-0000-4000-8000-000000000002"));
        BatchOutcome stored = writer.write(List.of(d.overMqtt(first), d.overMqtt(first), d.overMqtt(second)));
        assertEquals(2, stored.stored());
        assertEquals(2, stored.events());
        assertEquals(1, stored.duplicates(), "the same bytes twice in a batch are one envelope");

        BatchOutcome again = writer.write(List.of(d.overMqtt(first), d.overMqtt(second)));
        assertEquals(0, again.stored());
        assertEquals(0, again.events());
        assertEquals(2, again.duplicates());
        assertEquals(List.of(), again.refused());
        assertNull(again.chunkId(), "a batch of duplicates forms no chunk");
        try (Connection c = db.connection()) {
            assertEquals(List.of("2"), strings(c, "SELECT count(*) FROM envelope WHERE device_id = 'dairy-gw'"));
            assertEquals(List.of("2"), strings(c, "SELECT count(*) FROM epcis_event WHERE org_id = 'dairy'"));
            assertEquals(List.of("0 1 2"), strings(c, "SELECT first_seq || ' ' || max_seq || ' ' || stored_count "
                    + "FROM device_stream WHERE device_id = 'dairy-gw'"));
        }
    }

    @Test
    void anIngestedEventCarriesItsCbvEventHashId() throws Exception {
        SigningDevice d = new SigningDevice("dairy", "dairy-hash").register(db.dataSource());
        ObjectNode withoutId = event("x");
        withoutId.remove("eventID");
        writer.write(List.of(d.overMqtt(d.event(T0, withoutId))));
        String preHash = "eventType=ObjectEventeventTime=2026-06-01T08:00:00.000ZeventTimeZoneOffset=+00:00"
                + "epcListepc=https://id.gs1.org/01/04012345111118/21/1action=OBSERVE";
        String expected = "ni:///sha-256;" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(preHash.getBytes(StandardCharsets.UTF_8))) + "?ver=CBV2.0";
        try (Connection c = db.connection()) {
            assertEquals(List.of(expected), strings(c, "SELECT ev.hash_id FROM epcis_event ev JOIN envelope en ON en.id = ev.envelope_id "
                    + "WHERE en.device_id = 'dairy-hash'"));
        }
    }

    @Test
    void aRejectionIsStoredWithItsReasonAndOrigin() throws Exception {
        SigningDevice d = new SigningDevice("mill", "mill-gw").register(db.dataSource());
        byte[] garbage = "not a jws".getBytes(StandardCharsets.UTF_8);
        BatchOutcome outcome = writer.write(List.of(new RefusedMessage(new Origin.MqttTopic(d.readingsTopic()), garbage,
                RejectionReason.MALFORMED_JWS, "not three base64url parts", d.id())));
        assertEquals(0, outcome.stored());
        assertEquals(1, outcome.refused().size());
        try (Connection c = db.connection()) {
            assertEquals(List.of("pt/v1/mill/mill-gw/readings MALFORMED_JWS not three base64url parts 9"),
                    strings(c, "SELECT topic || ' ' || reason || ' ' || detail || ' ' || payload_size "
                            + "FROM rejected_message WHERE device_id = 'mill-gw'"));
        }

        // Other content under a stored seq is a replay, refused under the origin it came from.
        writer.write(List.of(d.overMqtt(d.readingsWithSeq(7, T0, 3.0))));
        BatchOutcome replay = writer.write(List.of(d.accepted(d.readingsWithSeq(7, T0, 9.9), new Origin.MqttTopic("pt/v1/mill/mill-gw/readings"))));
        assertEquals(0, replay.stored());
        assertEquals(RejectionReason.REPLAY, replay.refused().get(0).reason());
        try (Connection c = db.connection()) {
            assertEquals(List.of("MALFORMED_JWS", "REPLAY"),
                    strings(c, "SELECT reason FROM rejected_message WHERE device_id = 'mill-gw' ORDER BY id"));
        }
    }

    @Test
    void seqsMoreThanTheWindowAboveTheHighestAreRefusedWhateverTheBatchOrder() throws Exception {
        SigningDevice d = new SigningDevice("farm", "jumpy-probe").register(db.dataSource());
        // a new device: its lowest seq in the batch starts the stream; 2^63-1 first in the batch changes nothing
        BatchOutcome first = writer.write(List.of(d.overMqtt(d.readingsWithSeq(Long.MAX_VALUE, T0, 4.0)),
                d.overMqtt(d.readingsWithSeq(5, T0, 4.0)), d.overMqtt(d.readingsWithSeq(6, T0.plusSeconds(60), 4.0))));
        assertEquals(2, first.stored());
        assertEquals(1, first.refused().size());
        assertEquals(RejectionReason.SEQ_OUT_OF_WINDOW, first.refused().get(0).reason());
        assertEquals("seq " + Long.MAX_VALUE + " is more than 1000 above the highest seq 6 of device jumpy-probe "
                + "(a jump; if the device really restarted its counter there, reset its stream)", first.refused().get(0).detail());
        // exactly the window above is fine, and counts for the next one in the same batch
        BatchOutcome second = writer.write(List.of(d.overMqtt(d.readingsWithSeq(2006, T0.plusSeconds(120), 4.0)),
                d.overMqtt(d.readingsWithSeq(1006, T0.plusSeconds(90), 4.0)), d.overMqtt(d.readingsWithSeq(3007, T0, 4.0))));
        assertEquals(2, second.stored());
        assertEquals(1, second.refused().size());
        try (Connection c = db.connection()) {
            assertEquals(List.of("5 2006 4"), strings(c, "SELECT first_seq || ' ' || max_seq || ' ' || stored_count "
                    + "FROM device_stream WHERE device_id = 'jumpy-probe'"));
        }
    }

    @Test
    void byDefaultADeviceWhoseSeqsComeFromTheClockMayJumpByItsTimeOffButNotTo2To63() throws Exception {
        BatchWriter byDefault = new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000);
        SigningDevice d = new SigningDevice("farm", "clock-probe").register(db.dataSource());
        long bootMicros = 1_796_000_000_000_000L; // a boot in 2026, seqs counted on from epoch microseconds
        assertEquals(1, byDefault.write(List.of(d.overMqtt(d.readingsWithSeq(bootMicros, T0, 4.0)))).stored());
        long aMonthLater = bootMicros + Duration.ofDays(30).toNanos() / 1000; // far above the window of 1,000
        assertEquals(1, byDefault.write(List.of(d.overMqtt(d.readingsWithSeq(aMonthLater, T0.plusSeconds(60), 4.0))))
                .stored(), "a device off for a month starts again where its clock is");
        BatchOutcome pinned = byDefault.write(List.of(d.overMqtt(d.readingsWithSeq(Long.MAX_VALUE, T0.plusSeconds(90), 4.0))));
        assertEquals(RejectionReason.SEQ_OUT_OF_WINDOW, pinned.refused().get(0).reason());
    }

    @Test
    void theOriginIsKeptForMqttAndHttp() throws Exception {
        SigningDevice d = new SigningDevice("pack", "pack-line").register(db.dataSource());
        byte[] stored = d.event(T0, event("urn:uuid:00000000-0000-4000-8000-000000000101"));
        writer.write(List.of(d.accepted(stored, new Origin.HttpCapture("job-1"))));
        // The same seq with other content, once over MQTT and once over HTTP: both replays.
        byte[] overMqtt = d.readingsWithSeq(0, T0, 1.0);
        byte[] overHttp = d.readingsWithSeq(0, T0, 2.0);
        BatchOutcome outcome = writer.write(List.of(d.accepted(overMqtt, new Origin.MqttTopic(d.readingsTopic()))));
        BatchOutcome http = writer.write(List.of(d.accepted(overHttp, new Origin.HttpCapture("job-2"))));
        assertEquals(new Origin.MqttTopic("pt/v1/pack/pack-line/readings"), outcome.refused().get(0).origin());
        assertEquals(new Origin.HttpCapture("job-2"), http.refused().get(0).origin());
        try (Connection c = db.connection()) {
            assertEquals(List.of("pt/v1/pack/pack-line/readings", "api/epcis/capture/job-2"),
                    strings(c, "SELECT topic FROM rejected_message WHERE device_id = 'pack-line' ORDER BY id"));
        }
    }

    private static ObjectNode event(String id) {
        ObjectNode e = JSON.createObjectNode().put("type", "ObjectEvent").put("eventID", id)
                .put("eventTime", "2026-06-01T08:00:00Z").put("eventTimeZoneOffset", "+00:00").put("action", "OBSERVE");
        e.putArray("epcList").add("urn:epc:id:sgtin:4012345.011111.1");
        return e;
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
