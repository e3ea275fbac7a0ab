package org.prooftrail.anchor.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.Rejection;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.store.audit.DerivedRowScan;
import org.prooftrail.store.audit.StoredEnvelope;
import org.prooftrail.store.audit.StoredGroup;
import org.prooftrail.store.envelopes.EventRow;
import org.prooftrail.store.envelopes.RowDerivation;

/**
 * Recomputes the rows ingest derived from each stored envelope ({@code reading}, {@code epcis_event},
 * {@code event_epc}) with the same derivation ingest uses ({@link RowDerivation}) and reports every
 * difference by envelope and field, as well as rows that no envelope stands behind and envelopes whose
 * rows are gone. Streams: memory holds a bounded number of envelopes' rows, whatever the table sizes
 * ({@link ScanAhead}; docs/proofs.md, "Derived rows").
 *
 * <p>Signatures are not checked again here: the envelope's bytes are what the log commits to, and
 * {@link LogAudit} recomputes each envelope's leaf hash from them. This step answers a different question:
 * do the tables that pages and queries read say what those bytes say?
 */
public final class DerivedRowsAudit {
    /** Mismatches listed in a report; all are counted. */
    public static final int DEFAULT_MAX_LISTED = 1000;
    /** Envelopes whose event row is elsewhere, checked in one statement. */
    private static final int OWNER_BATCH = 1000;

    /**
     * @param duplicateEvents event envelopes stored without an event row because another envelope
     *     holds the same eventID (an EPCIS event is stored once)
     * @param mismatchCount all mismatches; {@code mismatches} lists the first of them
     */
    public record Report(long envelopes, long readingRows, long eventRows, long epcRows, long duplicateEvents,
                         long mismatchCount, List<Mismatch> mismatches, long millis) {
        public boolean passed() {
            return mismatchCount == 0;
        }

        public long envelopesPerSecond() {
            return millis == 0 ? envelopes * 1000 : envelopes * 1000 / millis;
        }
    }

    private record Unplaced(String device, long seq, long envelopeId, String eventId) {
    }

    private record Owners(List<Unplaced> unplaced, Map<String, Long> owners) {
    }

    private final MismatchLog log;
    private final ConcurrentLinkedQueue<Owners> looked = new ConcurrentLinkedQueue<>();
    private ScanAhead scan;
    // No key is looked up: reread never checks a signature.
    private final EnvelopeVerifier reader = new EnvelopeVerifier(kid -> Optional.empty());
    private final List<Unplaced> unplaced = new ArrayList<>();
    private long envelopes;
    private long readingRows;
    private long eventRows;
    private long epcRows;
    private long duplicateEvents;

    private DerivedRowsAudit(int maxListed) {
        this.log = new MismatchLog(maxListed);
    }

    public static Report run(Connection c) throws SQLException {
        return run(c, DEFAULT_MAX_LISTED);
    }

    /** @param maxListed how many mismatches the report lists (all are counted) */
    public static Report run(Connection c, int maxListed) throws SQLException {
        long start = System.nanoTime();
        DerivedRowsAudit audit = new DerivedRowsAudit(maxListed);
        try (ScanAhead scan = new ScanAhead(c)) {
            audit.scan = scan;
            for (StoredGroup g = scan.next(); g != null; g = scan.next()) {
                audit.check(g);
                audit.applyOwners();
            }
            audit.placeEvents();
            scan.runLeftoverTasks(); // the scan is over: the last lookup runs on this thread
            audit.applyOwners();
        }
        return new Report(audit.envelopes, audit.readingRows, audit.eventRows, audit.epcRows, audit.duplicateEvents,
                audit.log.count(), audit.log.kept(), (System.nanoTime() - start) / 1_000_000);
    }

    private void check(StoredGroup g) {
        readingRows += g.readings().size() + g.readingsBeyondCap();
        eventRows += g.events().size();
        g.events().forEach(e -> epcRows += e.epcs().size());
        StoredEnvelope e = g.envelope();
        if (e == null) {
            RowComparison orphans = new RowComparison(log, null, null, g.envelopeId());
            orphans.orphanReadings(g.readings(), g.readingsBeyondCap());
            orphans.events(null, g.events());
            return;
        }
        envelopes++;
        RowComparison compare = new RowComparison(log, e.deviceId(), e.seq(), e.id());
        VerificationResult read = reader.reread(e.jws(), e.deviceId(), e.disclosures());
        if (read instanceof Rejection r) {
            log.add(e.deviceId(), e.seq(), e.id(), "envelope", null, "jws", "does not read as an envelope: " + r.reason()
                    + " " + r.message(), "a valid envelope");
            return;
        }
        VerifiedEnvelope v = (VerifiedEnvelope) read;
        if (v.seq() != e.seq()) {
            log.add(e.deviceId(), e.seq(), e.id(), "envelope", null, "seq", e.seq(), v.seq());
        }
        compare.readings(RowDerivation.readings(v, e.id()), g.readings());
        if (g.readingsBeyondCap() > 0) {
            compare.orphanReadings(List.of(), g.readingsBeyondCap());
        }
        String missing = compare.events(RowDerivation.event(v, e.id(), e.orgId()).orElse(null), g.events());
        if (missing != null) {
            unplaced.add(new Unplaced(e.deviceId(), e.seq(), e.id(), missing));
            if (unplaced.size() >= OWNER_BATCH) {
                placeEvents();
            }
        }
    }

    /**
     * An event envelope without its row is fine only when another envelope holds that eventID: asks
     * the scan to look the owners up (in its snapshot, on its thread); {@link #applyOwners} judges.
     */
    private void placeEvents() {
        if (unplaced.isEmpty()) {
            return;
        }
        List<Unplaced> batch = List.copyOf(unplaced);
        unplaced.clear();
        scan.submit(c -> looked.add(new Owners(batch, DerivedRowScan.eventOwners(c, batch.stream().map(Unplaced::eventId).toList()))));
    }

    private void applyOwners() {
        for (Owners o = looked.poll(); o != null; o = looked.poll()) {
            for (Unplaced u : o.unplaced()) {
                Long owner = o.owners().get(u.eventId());
                if (owner != null && owner != u.envelopeId() && owner != DerivedRowScan.NO_ENVELOPE) {
                    duplicateEvents++;
                } else {
                    new RowComparison(log, u.device(), u.seq(), u.envelopeId()).missingEvent(u.eventId());
                }
            }
        }
    }
}
