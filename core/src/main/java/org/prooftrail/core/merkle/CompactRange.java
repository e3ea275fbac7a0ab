package org.prooftrail.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a growing log: one complete-subtree hash per set bit of its size, O(log n) hashes in
 * all, which is all an appender needs to extend the log and sign its new root. Each append names the
 * subtrees it completes, so a tiled store can persist them as they appear. Not thread-safe.
 */
public final class CompactRange {

    /** Told of every complete subtree an append creates: the new leaf itself (level 0) and each parent it completes. */
    @FunctionalInterface
    public interface CompletedNodes {
        void completed(int level, long index, byte[] hash);
    }

    private final MerkleHasher hasher;
    // Highest subtree first: edge.get(0) covers the most leaves.
    private final List<byte[]> edge = new ArrayList<>();
    private long size;

    public CompactRange(MerkleHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** The right edge of the tree of {@code size} leaves, read from whatever holds its complete subtrees. */
    public static CompactRange of(MerkleHasher hasher, long size, SubtreeHashes nodes) {
        CompactRange range = new CompactRange(hasher);
        long start = 0;
        for (int level = 63 - Long.numberOfLeadingZeros(Math.max(size, 1)); level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                range.edge.add(nodes.node(level, start >>> level));
                start += 1L << level;
            }
        }
        range.size = size;
        return range;
    }

    public long size() {
        return size;
    }

    /** Appends a leaf by its hash, telling {@code completed} of each subtree that is now complete. */
    public void append(byte[] leafHash, CompletedNodes completed) {
        if (leafHash.length != hasher.size()) {
            throw new IllegalArgumentException(
                    "leaf hash has " + leafHash.length + " bytes, " + hasher.name() + " needs " + hasher.size());
        }
        byte[] node = leafHash;
        long index = size;
        int level = 0;
        completed.completed(0, index, node);
        while ((index & 1) == 1) {
            node = hasher.hashChildren(edge.remove(edge.size() - 1), node);
            index >>>= 1;
            level++;
            completed.completed(level, index, node);
        }
        edge.add(node);
        size++;
    }

    /** Root of the tree as it is now (RFC 9162 MTH): the edge folded from the right. */
    public byte[] root() {
        if (edge.isEmpty()) {
            return hasher.emptyRoot();
        }
        byte[] acc = edge.get(edge.size() - 1);
        for (int i = edge.size() - 2; i >= 0; i--) {
            acc = hasher.hashChildren(edge.get(i), acc);
        }
        return acc;
    }
}
