package org.prooftrail.core.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Roots and RFC 9162 proofs computed from complete-subtree hashes alone. Every root and every node of a
 * proof for any prefix of a log is one of those hashes or a fold of at most {@code log2(n)} of them, so
 * each call reads O(log n) nodes whatever holds them: {@link MerkleTree} in memory, a tiled log in a
 * database. The callers check sizes and indexes; here they are assumed valid.
 */
public final class SubtreeProofs {

    private SubtreeProofs() {
    }

    /** Root of the tree of the first {@code size} leaves (RFC 9162 §2.1.1 MTH). */
    public static byte[] root(MerkleHasher hasher, SubtreeHashes nodes, long size) {
        return size == 0 ? hasher.emptyRoot() : rangeHash(hasher, nodes, 0, size);
    }

    /** Audit path of leaf {@code index} in the tree of {@code size} leaves (RFC 9162 §2.1.3.1), nearest the leaf first. */
    public static List<byte[]> inclusionProof(MerkleHasher hasher, SubtreeHashes nodes, long index, long size) {
        // PATH(m, D[n]) unrolled from the root down. The RFC lists the leaf's neighbour first, hence the
        // reversal at the end.
        List<byte[]> path = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (index < lo + k) {
                path.add(rangeHash(hasher, nodes, lo + k, hi));
                hi = lo + k;
            } else {
                path.add(rangeHash(hasher, nodes, lo, lo + k));
                lo += k;
            }
        }
        Collections.reverse(path);
        return Collections.unmodifiableList(path);
    }

    /**
     * Proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} (RFC 9162
     * §2.1.4.1); empty when {@code size1} is 0 or equal to {@code size2}.
     */
    public static List<byte[]> consistencyProof(MerkleHasher hasher, SubtreeHashes nodes, long size1, long size2) {
        if (size1 == 0 || size1 == size2) {
            return List.of();
        }
        // SUBPROOF(m, D[n], b) unrolled from the root down; m is size1 counted from lo.
        List<byte[]> path = new ArrayList<>();
        long lo = 0;
        long hi = size2;
        long m = size1;
        while (m != hi - lo) {
            long k = Long.highestOneBit(hi - lo - 1);
            if (m <= k) {
                path.add(rangeHash(hasher, nodes, lo + k, hi));
                hi = lo + k;
            } else {
                path.add(rangeHash(hasher, nodes, lo, lo + k));
                lo += k;
                m -= k;
            }
        }
        // b is still true iff we never stepped right (lo == 0): then the subtree reached is the whole old
        // tree, whose root the verifier already holds.
        if (lo != 0) {
            path.add(rangeHash(hasher, nodes, lo, hi));
        }
        Collections.reverse(path);
        return Collections.unmodifiableList(path);
    }

    /**
     * MTH of leaves [lo, hi), for the ranges proofs ask about: lo is a multiple of the largest power of two
     * not above hi - lo. Such a range splits, by the binary digits of its length, into complete aligned
     * subtrees of strictly decreasing size, which is exactly how RFC 9162 nests it; fold them right to left.
     */
    static byte[] rangeHash(MerkleHasher hasher, SubtreeHashes nodes, long lo, long hi) {
        byte[] acc = null;
        for (long end = hi, rest = hi - lo; rest != 0; ) {
            long width = Long.lowestOneBit(rest);
            int level = Long.numberOfTrailingZeros(width);
            long start = end - width;
            byte[] node = nodes.node(level, start >>> level);
            acc = acc == null ? node : hasher.hashChildren(node, acc);
            end = start;
            rest -= width;
        }
        return acc;
    }
}
