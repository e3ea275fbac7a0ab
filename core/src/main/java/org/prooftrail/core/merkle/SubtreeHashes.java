package org.prooftrail.core.merkle;

/**
 * Where the proof algorithms read a tree from: the hash of a complete, aligned subtree, the one of
 * {@code 2^level} leaves starting at leaf {@code index * 2^level}. An in-memory tree keeps every such
 * hash; a tiled log keeps them in tiles and recomputes the levels between.
 */
@FunctionalInterface
public interface SubtreeHashes {
    /**
     * @throws IllegalStateException when the source does not hold that subtree (it lies beyond the
     *     tree, or the store lost it)
     */
    byte[] node(int level, long index);
}
