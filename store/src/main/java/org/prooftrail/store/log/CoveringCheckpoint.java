package org.prooftrail.store.log;

/** The first checkpoint that covers a log index, with its ledger and receipt (JSON, null until published). */
public record CoveringCheckpoint(long treeSize, String note, String ledger, String receiptJson) {
}
