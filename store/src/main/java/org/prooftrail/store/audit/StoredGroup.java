package org.prooftrail.store.audit;

import java.util.List;
import org.prooftrail.store.envelopes.EventRow;
import org.prooftrail.store.envelopes.ReadingRow;

/**
 * Everything stored under one envelope id: the envelope (null when no envelope has this id: rows
 * with nothing behind them), its reading rows and its event rows with their identifier rows.
 *
 * @param envelopeId {@link DerivedRowScan#NO_ENVELOPE} for event rows whose envelope_id is null
 * @param readingsBeyondCap reading rows under this id that were counted but not kept, so that a
 *     wrecked table cannot fill memory
 */
public record StoredGroup(long envelopeId, StoredEnvelope envelope, List<ReadingRow> readings, long readingsBeyondCap,
                          List<EventRow> events) {
}
