package org.prooftrail.core.merkle;

/**
 * Stored tiles of a log in the C2SP tlog-tiles layout: tile {@code index} at tile level {@code level}
 * holds up to 256 consecutive hashes of tree level {@code 8 * level}, packed end to end.
 */
@FunctionalInterface
public interface TileSource {
    /** The tile's hashes as stored (a full tile, or the partial one at the log's right edge), or null when there is none. */
    byte[] tile(int level, long index);
}
