package org.prooftrail.api.epcis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.Database;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.ingest.store.BatchOutcome;
import org.prooftrail.ingest.store.BatchWriter;
import org.prooftrail.ingest.verify.Checked;

/**
 * Stores one captured document in one transaction through ingest's {@link BatchWriter}: a block of
 * seqs of the organisation's pseudo-device, one signed envelope per event, one chunk over them all,
 * and the job's success. Anything short of every event stored rolls all of it back.
 */
final class CaptureWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final BatchWriter writer;
    private final ServerAttestation attestation;
    private final DeviceRegistry registry;

    CaptureWriter(Database db, BatchWriter writer, ServerAttestation attestation) {
        this.db = db;
        this.writer = writer;
        this.attestation = attestation;
        this.registry = new DeviceRegistry(db.dataSource());
    }

    /** Thrown when the document cannot be stored as a whole; the message names why. */
    static final class Refused extends Exception {
        final boolean duplicate;

        Refused(String message, boolean duplicate) {
            super(message);
            this.duplicate = duplicate;
        }
    }

    /** @return the chunk that holds the events */
    long store(String jobId, String org, List<EpcisEvent> events) throws SQLException, Refused {
        JwsSigner signer = attestation.signerFor(registry, org);
        String device = ServerAttestation.deviceFor(org);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long chunk = store(c, jobId, org, device, signer, events);
                c.commit();
                return chunk;
            } catch (SQLException | Refused | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction died with it
                }
                throw e;
            }
        }
    }

    private long store(Connection c, String jobId, String org, String device, JwsSigner signer, List<EpcisEvent> events)
            throws SQLException, Refused {
        List<String> duplicates = storedEventIds(c, events, null);
        if (!duplicates.isEmpty()) {
            throw new Refused(duplicateMessage(duplicates), true);
        }
        long first = allocate(c, device, events.size());
        Instant now = Instant.now();
        List<Checked> batch = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            EpcisEvent event = events.get(i);
            long seq = first + i;
            ObjectNode payload = JSON.createObjectNode().put("dev", device).put("seq", seq).put("ts", now.toString());
            payload.set("event", event.json());
            byte[] jws = signer.sign(payload.toString().getBytes(StandardCharsets.UTF_8));
            VerifiedEnvelope envelope = new VerifiedEnvelope(jws, attestation.key().algorithm(), attestation.kid(device),
                    device, seq, now, event);
            InboundMessage origin = new InboundMessage("api/epcis/capture/" + jobId, jws, 0, 0, 0, System.nanoTime());
            batch.add(new Checked.Accepted(origin, envelope, org));
        }
        BatchOutcome outcome = writer.writeIn(c, batch);
        if (outcome.stored() != events.size() || outcome.events() != events.size() || !outcome.refused().isEmpty()) {
            // A concurrent capture stored one of these eventIDs between the check and the insert.
            List<String> raced = storedEventIds(c, events, outcome.chunkId());
            throw new Refused(raced.isEmpty() ? "the store refused part of the document: " + outcome : duplicateMessage(raced),
                    !raced.isEmpty());
        }
        if (!CaptureJobs.succeed(c, jobId, outcome.chunkId())) {
            throw new Refused("storing took longer than " + CaptureJobs.ABANDONED_AFTER.toMinutes()
                    + " minutes, so the job was given up; nothing of it was stored. Capture smaller documents", false);
        }
        return outcome.chunkId();
    }

    private static String duplicateMessage(List<String> ids) {
        return "eventID " + ids.get(0) + " is already stored" + (ids.size() > 1 ? " (and " + (ids.size() - 1) + " more)" : "")
                + "; an EPCIS event is captured once. Nothing of this document was stored";
    }

    /** eventIDs of the document that are already stored; checked before a job starts, and again in its transaction. */
    List<String> alreadyStored(List<EpcisEvent> events) throws SQLException {
        try (Connection c = db.connection()) {
            return storedEventIds(c, events, null);
        }
    }

    static String duplicateDetail(List<String> ids) {
        return duplicateMessage(ids);
    }

    /** Seqs first..first+n-1, taken under the pseudo-device's row lock until commit. */
    private static long allocate(Connection c, String device, int n) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO api_device_seq (device_id, next_seq) VALUES (?, ?) "
                + "ON CONFLICT (device_id) DO UPDATE SET next_seq = api_device_seq.next_seq + EXCLUDED.next_seq RETURNING next_seq")) {
            st.setString(1, device);
            st.setLong(2, n);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) - n;
            }
        }
    }

    /** eventIDs of these events stored by others (not in {@code ownChunk}, when given). */
    private static List<String> storedEventIds(Connection c, List<EpcisEvent> events, Long ownChunk) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (EpcisEvent e : events) {
            if (e.json().path("eventID").isTextual()) {
                ids.add(e.json().get("eventID").textValue());
            }
        }
        List<String> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT ev.event_id FROM epcis_event ev LEFT JOIN envelope en ON en.id = ev.envelope_id "
                + "WHERE ev.event_id = ANY(?) AND en.chunk_id IS DISTINCT FROM ? ORDER BY ev.event_id")) {
            Array array = c.createArrayOf("text", ids.toArray());
            st.setArray(1, array);
            st.setObject(2, ownChunk, java.sql.Types.BIGINT);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
