package org.prooftrail.ingest.store;

import java.util.List;
import org.prooftrail.ingest.verify.Checked;

/**
 * What one committed batch did: envelopes stored (and their readings and events), duplicates
 * skipped, messages refused (including replays found only at the database), and the chunk formed.
 */
public record BatchOutcome(int stored, int readings, int events, int duplicates, List<Checked.Refused> refused,
                           Long chunkId) {
}
