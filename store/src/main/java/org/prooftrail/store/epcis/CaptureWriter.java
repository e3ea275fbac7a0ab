package org.prooftrail.store.epcis;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchOutcome;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.MessageVerdict;
import org.prooftrail.store.envelopes.Origin;

/**
 * Stores one captured document in one transaction through the envelope {@link BatchWriter}: a block
 * of seqs of the organisation's pseudo-device, one signed envelope per event, one chunk over them all,
 * and the job's success. Anything short of every event stored rolls all of it back. The events are
 * signed before the transaction, with the seqs {@link SeqForecast} expects it to be given, so that the
 * next document of the organisation signs while this one is written under the device's lock.
 */
public final class CaptureWriter {
    /** Signs one captured event as the pseudo-device's envelope {@code seq}, dated {@code at}; called from several threads at once. */
    @FunctionalInterface
    public interface EventSigner {
        VerifiedEnvelope sign(EpcisEvent event, long seq, Instant at);
    }

    /** More rows of the same transaction, written after the events (e.g. a certificate's index row). */
    @FunctionalInterface
    public interface AlsoStore {
        AlsoStore NOTHING = c -> { };

        void store(Connection c) throws SQLException;
    }

    private final DataSource db;
    private final BatchWriter writer;
    private final SeqForecast forecast = new SeqForecast();

    public CaptureWriter(DataSource db, BatchWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    /**
     * Stores the events of capture job {@code jobId} as envelopes of {@code device} and marks the job successful.
     *
     * @return the chunk that holds the events
     */
    public long store(String jobId, String org, String device, List<EpcisEvent> events, EventSigner signer)
            throws SQLException, CaptureRefused {
        return store(jobId, org, device, events, signer, AlsoStore.NOTHING);
    }

    /** Like {@link #store(String, String, String, List, EventSigner)}, with {@code also} in the same transaction. */
    public long store(String jobId, String org, String device, List<EpcisEvent> events, EventSigner signer, AlsoStore also)
            throws SQLException, CaptureRefused {
        Instant now = Instant.now();
        if (!forecast.knows(device)) {
            forecast.seed(device, committedNextSeq(device));
        }
        long guess = forecast.take(device, events.size());
        List<MessageVerdict> signed;
        try {
            signed = sign(org, new Origin.HttpCapture(jobId), events, signer, guess, now);
        } catch (RuntimeException e) {
            forecast.forget(device); // the seqs forecast to this document will not be allocated
            throw e;
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                long first = allocate(c, device, events.size());
                if (first != guess) {
                    forecast.allocated(device, first, events.size());
                    signed = sign(org, new Origin.HttpCapture(jobId), events, signer, first, now);
                }
                long chunk = store(c, jobId, events, signed);
                also.store(c);
                c.commit();
                return chunk;
            } catch (SQLException | CaptureRefused | RuntimeException e) {
                forecast.forget(device);
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction died with it
                }
                throw e;
            }
        }
    }

    /**
     * The events as envelopes with seqs {@code first}.. in document order. Signing is most of a capture's
     * CPU (Ed25519, about half of the worker's samples for 1,000-event documents): spread over the cores;
     * the signatures are the same either way.
     */
    private static List<MessageVerdict> sign(String org, Origin origin, List<EpcisEvent> events, EventSigner signer,
                                             long first, Instant at) {
        return IntStream.range(0, events.size()).parallel()
                .mapToObj(i -> (MessageVerdict) new AcceptedEnvelope(signer.sign(events.get(i), first + i, at), org, origin))
                .toList();
    }

    private long store(Connection c, String jobId, List<EpcisEvent> events, List<MessageVerdict> batch)
            throws SQLException, CaptureRefused {
        // No look-up of the eventIDs here: the caller did it before the job started (alreadyStored), and
        // one stored since is skipped by the event insert (ON CONFLICT), which the check below turns into
        // the same refusal. Looking again cost a probe per event in every capture for a race that is rare.
        BatchOutcome outcome = writer.writeIn(c, batch);
        if (outcome.stored() != events.size() || outcome.events() != events.size() || !outcome.refused().isEmpty()) {
            // A concurrent capture stored one of these eventIDs after the caller's check.
            List<String> raced = storedEventIds(c, events, outcome.chunkId());
            throw raced.isEmpty() ? new CaptureRefused("the store refused part of the document: " + outcome, false)
                    : new CaptureRefused(duplicateMessage(raced), raced);
        }
        if (!CaptureJobs.succeed(c, jobId, outcome.chunkId())) {
            throw new CaptureRefused("storing took longer than " + CaptureJobs.ABANDONED_AFTER.toMinutes()
                    + " minutes, so the job was given up; nothing of it was stored. Capture smaller documents", false);
        }
        return outcome.chunkId();
    }

    /** Why a document with these already stored eventIDs is refused. */
    public static String duplicateMessage(List<String> ids) {
        return "eventID " + ids.get(0) + " is already stored" + (ids.size() > 1 ? " (and " + (ids.size() - 1) + " more)" : "")
                + "; an EPCIS event is captured once. Nothing of this document was stored";
    }

    /**
     * eventIDs of the document that are already stored; checked before a job starts (the job's transaction
     * refuses one stored since, without looking them all up again).
     */
    public List<String> alreadyStored(List<EpcisEvent> events) throws SQLException {
        try (Connection c = db.getConnection()) {
            return storedEventIds(c, events, null);
        }
    }

    /** The pseudo-device's next seq as committed (0 before its first capture), read without a lock. */
    private long committedNextSeq(String device) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT next_seq FROM api_device_seq WHERE device_id = ?")) {
            st.setString(1, device);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
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
