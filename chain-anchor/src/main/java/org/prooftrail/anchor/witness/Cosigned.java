package org.prooftrail.anchor.witness;

/** The latest checkpoint a witness cosigned for one log: its size and root hash. */
public record Cosigned(long size, byte[] root) {
}
