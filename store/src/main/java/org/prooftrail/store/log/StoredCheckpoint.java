package org.prooftrail.store.log;

/** A stored checkpoint: its tree head, its signed note and the hash of its predecessor's note. */
public record StoredCheckpoint(long id, long treeSize, byte[] root, String note, byte[] prevHash) {
}
