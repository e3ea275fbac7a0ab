package org.prooftrail.store.log;

/** A chunk that ingest committed and the log has not taken yet. */
public record PendingChunk(long id, byte[] root) {
}
