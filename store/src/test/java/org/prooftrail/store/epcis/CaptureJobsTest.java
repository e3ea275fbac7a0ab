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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
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

    @Test
    void documentsSignedBeforeTheLockGetTheSeqsTheyAreSignedWith() throws Exception {
        SigningDevice beta = new SigningDevice("beta", "beta.epcis-api").register(db.dataSource());
        AtomicInteger signings = new AtomicInteger();
        CaptureWriter.EventSigner counting = (event, seq, at) -> {
            signings.incrementAndGet();
            return beta.eventWithSeq(seq, at, event.json());
        };
        jobs.create("beta-1", "beta", "c", 3);
        writer.store("beta-1", "beta", beta.id(), events("beta-1", 3), counting);
        assertEquals(3, signings.getAndSet(0), "the first document is signed once, with the seqs forecast from the database");

        // a document refused under the lock hands its seqs back, and the next one is forecast from the database
        jobs.create("beta-dup", "beta", "c", 2);
        assertThrows(CaptureRefused.class, () -> writer.store("beta-dup", "beta", beta.id(),
                List.of(events("beta-dup", 1).get(0), events("beta-1", 1).get(0)), counting));
        signings.set(0);
        jobs.create("beta-2", "beta", "c", 2);
        writer.store("beta-2", "beta", beta.id(), events("beta-2", 2), counting);
        assertEquals(2, signings.getAndSet(0), "signed once, with the seqs the refused document handed back");

        // another replica's capture in between: this writer's forecast is stale once, then right again
        CaptureWriter replica = new CaptureWriter(db.dataSource(), new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000));
        jobs.create("beta-3", "beta", "c", 2);
        replica.store("beta-3", "beta", beta.id(), events("beta-3", 2), counting);
        signings.set(0);
        jobs.create("beta-4", "beta", "c", 2);
        writer.store("beta-4", "beta", beta.id(), events("beta-4", 2), counting);
        assertEquals(4, signings.getAndSet(0), "signed for the stale forecast, then again");
        jobs.create("beta-5", "beta", "c", 2);
        writer.store("beta-5", "beta", beta.id(), events("beta-5", 2), counting);
        assertEquals(2, signings.getAndSet(0));

        // documents of one organisation at once: each signs while another holds the lock
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> stored = new ArrayList<>();
            for (int d = 0; d < 8; d++) {
                String job = "beta-par-" + d;
                jobs.create(job, "beta", "c", 25);
                stored.add(pool.submit(() -> writer.store(job, "beta", beta.id(), events(job, 25), counting)));
            }
            for (Future<Long> f : stored) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertSignedSeqsAreTheStoredOnes(beta.id(), 3 + 2 + 2 + 2 + 2 + 8 * 25);
    }

    /** Seqs 0..count-1 stored once each, every envelope signed with the seq it is stored under. */
    private static void assertSignedSeqsAreTheStoredOnes(String device, int count) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT seq, jws FROM envelope WHERE device_id = ? ORDER BY seq")) {
            st.setString(1, device);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String payload = new String(rs.getBytes(2), StandardCharsets.US_ASCII).split("\\.")[1];
                    long signed = JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("seq").asLong();
                    assertEquals(rs.getLong(1), signed, "envelope stored as seq " + rs.getLong(1));
                    seqs.add(signed);
                }
            }
        }
        assertEquals(LongStream.range(0, count).boxed().toList(), seqs, "no seq missing, none twice");
    }

    /** {@code n} events with eventIDs of their own under {@code prefix}. */
    private static List<EpcisEvent> events(String prefix, int n) {
        List<EpcisEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(event("urn:uuid:" + UUID.nameUUIDFromBytes((prefix + "/" + i).getBytes(StandardCharsets.UTF_8))));
        }
        return out;
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
