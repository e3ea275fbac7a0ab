package org.prooftrail.store.envelopes;

import java.util.List;

/**
 * What one committed batch did: envelopes stored (and their readings and events), duplicates
 * skipped, messages refused (including replays found only at the database), and the chunk formed.
 */
public record BatchOutcome(int stored, int readings, int events, int duplicates, List<RefusedMessage> refused,
                           Long chunkId) {
}
