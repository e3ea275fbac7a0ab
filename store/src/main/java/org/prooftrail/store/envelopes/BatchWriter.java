package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.prooftrail.store.log.ChunkRoots;
import org.prooftrail.core.envelope.RejectionReason;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.changes.ChangeNotices;

/**
 * Writes one batch in one transaction: new envelopes (an existing (device, seq) is a duplicate when
 * the bytes are the same and a replay when they differ), the chunk over exactly the envelopes that
 * were new (each leaf over an envelope's stored bytes: for an SD-JWT the issuer-signed JWT alone), the
 * disclosures of SD-JWT envelopes apart from them, their readings (COPY) and events (set-based: a few
 * statements per batch, whatever its size), the refused messages, and the device streams. Nothing of a
 * batch is acknowledged before this commits.
 */
public final class BatchWriter {
    /** Events in a batch from which their rows are derived in parallel (a thread's start-up costs more than a few). */
    private static final int PARALLEL_EVENTS = 64;

    private final DataSource db;
    private final MerkleHasher hasher;
    private final long seqWindow;
    private final long maxJump;

    public BatchWriter(DataSource db, MerkleHasher hasher, long seqWindow) {
        this(db, hasher, seqWindow, org.prooftrail.core.envelope.SeqWindow.DEFAULT_MAX_JUMP);
    }

    /** @param maxJump how far above a device's highest seq an envelope may be (PT_INGEST_SEQ_MAX_JUMP) */
    public BatchWriter(DataSource db, MerkleHasher hasher, long seqWindow, long maxJump) {
        this.db = db;
        this.hasher = hasher;
        this.seqWindow = seqWindow;
        this.maxJump = maxJump;
    }

    /** @throws SQLException the batch was not stored (nothing of it was) */
    public BatchOutcome write(List<? extends MessageVerdict> batch) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                BatchOutcome outcome = writeIn(c, batch);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /**
     * Writes the batch in the caller's open transaction and leaves committing to the caller, for
     * writers that must store more in the same transaction (EPCIS capture jobs, seq allocation).
     */
    public BatchOutcome writeIn(Connection c, List<? extends MessageVerdict> batch) throws SQLException {
        List<RefusedMessage> refused = new ArrayList<>();
        LinkedHashMap<EnvelopeRows.RowKey, AcceptedEnvelope> candidates = new LinkedHashMap<>();
        int duplicates = 0;
        for (MessageVerdict ch : batch) {
            if (ch instanceof RefusedMessage r) {
                refused.add(r);
                continue;
            }
            AcceptedEnvelope a = (AcceptedEnvelope) ch;
            EnvelopeRows.RowKey key = new EnvelopeRows.RowKey(a.envelope().dev(), a.envelope().seq());
            AcceptedEnvelope earlier = candidates.putIfAbsent(key, a);
            if (earlier != null) {
                if (Arrays.equals(earlier.envelope().raw(), a.envelope().raw())) {
                    duplicates++;
                } else {
                    refused.add(replay(a));
                }
            }
        }
        return write(c, candidates, refused, duplicates);
    }

    private BatchOutcome write(Connection c, LinkedHashMap<EnvelopeRows.RowKey, AcceptedEnvelope> candidates,
                               List<RefusedMessage> refused, int duplicates) throws SQLException {
        List<AcceptedEnvelope> inWindow = new ArrayList<>(candidates.size());
        if (!candidates.isEmpty()) {
            List<String> devices = candidates.keySet().stream().map(EnvelopeRows.RowKey::device).distinct().sorted().toList();
            Map<String, Long> maxSeq = DeviceStreams.lockMaxSeq(c, devices);
            List<AcceptedEnvelope> old = new ArrayList<>();
            // In seq order per device, so that the verdicts do not depend on how messages were batched:
            // a seq more than the jump bound above the highest stored (or accepted earlier in this batch) is
            // a jump and refused, so one validly signed envelope with seq 2^63-1 cannot pin the stream
            // where every later envelope is "below the window". A device without a stream (new, or
            // reset) starts wherever its lowest seq is.
            List<AcceptedEnvelope> bySeq = new ArrayList<>(candidates.values());
            bySeq.sort(java.util.Comparator.comparing((AcceptedEnvelope a) -> a.envelope().dev())
                    .thenComparingLong(a -> a.envelope().seq()));
            Map<String, Long> highest = new HashMap<>(maxSeq);
            Set<AcceptedEnvelope> ahead = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (AcceptedEnvelope a : bySeq) {
                String dev = a.envelope().dev();
                long seq = a.envelope().seq();
                Long max = maxSeq.get(dev);
                Long top = highest.get(dev);
                if (max != null && seq < max - seqWindow) {
                    old.add(a);
                } else if (top != null && seq - top > maxJump) { // both >= 0: no overflow
                    ahead.add(a);
                    refused.add(new RefusedMessage(a.origin(), a.envelope().raw(), RejectionReason.SEQ_OUT_OF_WINDOW, "seq "
                            + seq + " is more than " + maxJump + " above the highest seq " + top + " of device " + dev
                            + " (a jump; if the device really restarted its counter there, reset its stream)", dev));
                } else {
                    highest.merge(dev, seq, Math::max);
                }
            }
            for (AcceptedEnvelope a : candidates.values()) { // batch order, which the chunk's leaves follow
                if (!ahead.contains(a) && (maxSeq.get(a.envelope().dev()) == null
                        || a.envelope().seq() >= maxSeq.get(a.envelope().dev()) - seqWindow)) {
                    inWindow.add(a);
                }
            }
            // Below the window: a redelivery of something stored is still a duplicate, other content
            // under a stored seq is a replay, and anything else is refused as out of window.
            if (!old.isEmpty()) {
                Map<EnvelopeRows.RowKey, byte[]> storedBytes = EnvelopeRows.existing(c, old);
                for (AcceptedEnvelope a : old) {
                    byte[] bytes = storedBytes.get(new EnvelopeRows.RowKey(a.envelope().dev(), a.envelope().seq()));
                    if (bytes == null) {
                        refused.add(new RefusedMessage(a.origin(), a.envelope().raw(), RejectionReason.SEQ_OUT_OF_WINDOW, "seq "
                                + a.envelope().seq() + " is more than " + seqWindow + " below the highest stored seq "
                                + maxSeq.get(a.envelope().dev()), a.envelope().dev()));
                    } else if (Arrays.equals(bytes, a.envelope().raw())) {
                        duplicates++;
                    } else {
                        refused.add(replay(a));
                    }
                }
            }
        }
        // An envelope's leaf hash and event row follow from its bytes alone, not from the id PostgreSQL
        // gives it: they are worked out on the common pool while the envelopes are inserted. For capture
        // documents of 1,000 events the CBV hash IDs take about as long as that statement.
        HeadStart<List<Derived>> derived = inWindow.isEmpty() ? null
                : HeadStart.on(ForkJoinPool.commonPool(), () -> derive(inWindow));
        long chunkId = inWindow.isEmpty() ? 0 : nextChunkId(c);
        List<Long> ids = new ArrayList<>();
        List<AcceptedEnvelope> stored = new ArrayList<>();
        List<Integer> storedAt = new ArrayList<>();
        if (!inWindow.isEmpty()) {
            Map<EnvelopeRows.RowKey, Long> inserted = EnvelopeRows.insert(c, inWindow, chunkId);
            List<AcceptedEnvelope> existing = new ArrayList<>();
            for (int i = 0; i < inWindow.size(); i++) {
                AcceptedEnvelope a = inWindow.get(i);
                Long id = inserted.get(new EnvelopeRows.RowKey(a.envelope().dev(), a.envelope().seq()));
                if (id == null) {
                    existing.add(a);
                } else {
                    ids.add(id);
                    stored.add(a);
                    storedAt.add(i);
                }
            }
            if (!existing.isEmpty()) {
                Map<EnvelopeRows.RowKey, byte[]> storedBytes = EnvelopeRows.existing(c, existing);
                for (AcceptedEnvelope a : existing) {
                    byte[] bytes = storedBytes.get(new EnvelopeRows.RowKey(a.envelope().dev(), a.envelope().seq()));
                    if (bytes != null && Arrays.equals(bytes, a.envelope().raw())) {
                        duplicates++;
                    } else {
                        refused.add(replay(a));
                    }
                }
            }
        }
        int readings = 0;
        int events = 0;
        Long chunk = null;
        if (!stored.isEmpty()) {
            chunk = chunkId;
            List<Derived> ofInWindow = derived.join();
            List<byte[]> leaves = new ArrayList<>(stored.size());
            for (int at : storedAt) {
                leaves.add(ofInWindow.get(at).leaf());
            }
            if (stored.size() != inWindow.size()) {
                EnvelopeRows.renumber(c, ids); // leaf indexes must be dense over what was stored
            }
            ChunkRoots.insert(c, chunkId, hasher, leaves);
            ReadingRows rows = new ReadingRows();
            TreeMap<String, DeviceStreams.Span> spans = new TreeMap<>();
            Set<String> codes = new HashSet<>();
            List<EventRow> eventRows = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                AcceptedEnvelope a = stored.get(i);
                VerifiedEnvelope v = a.envelope();
                spans.computeIfAbsent(v.dev(), d -> new DeviceStreams.Span()).add(v.seq());
                rows.add(RowDerivation.readings(v, ids.get(i)));
                Optional<EventRow> event = ofInWindow.get(storedAt.get(i)).event();
                if (event.isPresent()) {
                    EventRow row = event.get().withEnvelopeId(ids.get(i));
                    eventRows.add(row);
                    row.epcs().forEach(e -> codes.add(e.key()));
                }
            }
            events = EventRows.insert(c, eventRows);
            rows.copy(c);
            readings = rows.rows();
            DeviceStreams.record(c, spans);
            ChangeNotices.announce(c, codes, spans.keySet());
        }
        RejectRows.insert(c, refused);
        return new BatchOutcome(stored.size(), readings, events, duplicates, refused, chunk);
    }

    /** What an envelope stands for apart from its row: its chunk leaf hash and its event row (envelope id not yet known). */
    private record Derived(byte[] leaf, Optional<EventRow> event) {
    }

    /**
     * The leaf hashes and event rows of the envelopes, in order. Each event's CBV hash ID is a canonical
     * serialisation and a hash (about a fifth of the capture worker's samples for 1,000-event documents),
     * so a batch with many events derives them on all cores; the rows are the same either way.
     */
    private List<Derived> derive(List<AcceptedEnvelope> envelopes) {
        long withEvents = envelopes.stream().filter(a -> a.envelope().event().isPresent()).count();
        IntStream range = IntStream.range(0, envelopes.size());
        return (withEvents >= PARALLEL_EVENTS ? range.parallel() : range).mapToObj(i -> {
            AcceptedEnvelope a = envelopes.get(i);
            return new Derived(hasher.hashLeaf(a.envelope().raw()), RowDerivation.event(a.envelope(), EventRow.NOT_YET_STORED, a.orgId()));
        }).toList();
    }

    private static RefusedMessage replay(AcceptedEnvelope a) {
        return new RefusedMessage(a.origin(), a.envelope().raw(), RejectionReason.REPLAY, "seq " + a.envelope().seq() + " of device "
                + a.envelope().dev() + " was already stored with different content", a.envelope().dev());
    }

    private static long nextChunkId(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT nextval('chunk_id_seq')"); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is likely gone; the transaction dies with it
        }
    }
}
