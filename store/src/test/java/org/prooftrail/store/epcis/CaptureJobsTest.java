package org.prooftrail.store.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.testing.SigningDevice;

/** Capture job rows and the capture transaction against the real PostgreSQL. */
class CaptureJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Database db;
    private static CaptureJobs jobs;
    private static CaptureWriter writer;
    private static SigningDevice api;

    @BeforeAll
    static void open() throws Exception {
        db = Database.open(TestServices.freshDatabase());
        db.migrate();
        jobs = new CaptureJobs(db.dataSource());
        writer = new CaptureWriter(db.dataSource(), new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000));
        api = new SigningDevice("acme", "acme.epcis-api").register(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aJobRunsThenSucceedsWithItsChunk() throws Exception {
        assertTrue(jobs.organisationExists("acme"));
        assertFalse(jobs.organisationExists("nobody"));
        jobs.create("job-ok", "acme", "acme-client", 2);
        CaptureJob running = jobs.find("job-ok", null).orElseThrow();
        assertTrue(running.running());
        assertNull(running.finishedAt());
        assertNull(running.chunkId());
        assertEquals("[]", running.errorsJson());

        List<EpcisEvent> events = List.of(event("urn:uuid:00000000-0000-4000-8000-0000000000a1"),
                event("urn:uuid:00000000-0000-4000-8000-0000000000a2"));
        long chunk = store("job-ok", events);

        CaptureJob done = jobs.find("job-ok", "acme").orElseThrow();
        assertFalse(done.running());
        assertTrue(done.success());
        assertNotNull(done.finishedAt());
        assertEquals(chunk, done.chunkId());
        assertEquals(2, done.eventCount());
        assertEquals("acme", done.orgId());
        assertTrue(jobs.find("job-ok", "someone-else").isEmpty(), "a company sees only its own jobs");
        assertEquals(List.of("0", "1"), strings("SELECT seq FROM envelope WHERE chunk_id = " + chunk + " ORDER BY seq"));
        assertEquals(List.of("urn:uuid:00000000-0000-4000-8000-0000000000a1", "urn:uuid:00000000-0000-4000-8000-0000000000a2"),
                writer.alreadyStored(events));
    }

    @Test
    void aDuplicateDocumentIsRefusedWholeAndTheFailureRecorded() throws Exception {
        jobs.create("job-first", "acme", "acme-client", 1);
        store("job-first", List.of(event("urn:uuid:00000000-0000-4000-8000-0000000000b1")));
        long envelopes = count("SELECT count(*) FROM envelope");

        jobs.create("job-dup", "acme", "acme-client", 2);
        CaptureRefused refused = assertThrows(CaptureRefused.class, () -> store("job-dup",
                List.of(event("urn:uuid:00000000-0000-4000-8000-0000000000b2"), event("urn:uuid:00000000-0000-4000-8000-0000000000b1"))));
        assertTrue(refused.duplicate());
        assertTrue(refused.getMessage().contains("urn:uuid:00000000-0000-4000-8000-0000000000b1"), refused.getMessage());
        assertEquals(envelopes, count("SELECT count(*) FROM envelope"), "nothing of the document was stored");
        assertEquals(0, count("SELECT count(*) FROM epcis_event WHERE event_id = 'urn:uuid:00000000-0000-4000-8000-0000000000b2'"));

        jobs.fail("job-dup", "[{\"title\":\"Conflict\",\"status\":409}]");
        CaptureJob failed = jobs.find("job-dup", null).orElseThrow();
        assertFalse(failed.running());
        assertFalse(failed.success());
        assertEquals(409, JSON.readTree(failed.errorsJson()).get(0).get("status").asInt());
    }

    @Test
    void aJobCutOffLongAgoIsAbandonedAndCannotSucceedLate() throws Exception {
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO epcis_capture_job (id, org_id, subject, event_count, created_at) VALUES ('job-old', 'acme', 's', 1, now() - interval '1 hour')")) {
            st.executeUpdate();
        }
        assertTrue(jobs.find("job-old", null).orElseThrow().abandoned());
        CaptureRefused late = assertThrows(CaptureRefused.class,
                () -> store("job-old", List.of(event("urn:uuid:00000000-0000-4000-8000-0000000000c1"))));
        assertFalse(late.duplicate());
        assertEquals(0, count("SELECT count(*) FROM epcis_event WHERE event_id = 'urn:uuid:00000000-0000-4000-8000-0000000000c1'"));
        assertFalse(jobs.find("job-fresh-never-made", null).isPresent());
    }

    private static long store(String job, List<EpcisEvent> events) throws Exception {
        return writer.store(job, "acme", api.id(), events, (event, seq, at) -> api.eventWithSeq(seq, at, event.json()));
    }

    /** An event as capture hands it to the writer: parsed by core from its envelope. */
    private static EpcisEvent event(String id) {
        ObjectNode e = JSON.createObjectNode().put("type", "ObjectEvent").put("eventID", id)
                .put("eventTime", "2026-06-01T08:00:00Z").put("eventTimeZoneOffset", "+00:00").put("action", "OBSERVE");
        e.putArray("epcList").add("urn:epc:id:sgtin:4012345.011111.1");
        return api.eventWithSeq(0, Instant.parse("2026-06-01T08:00:01Z"), e).event().orElseThrow();
    }

    private static long count(String sql) throws SQLException {
        return Long.parseLong(strings(sql).get(0));
    }

    static List<String> strings(String sql) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
