package org.prooftrail.core.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An append-only, in-memory Merkle tree that answers for its current size and for every earlier size.
 *
 * <p>It keeps the hash of every complete, aligned subtree ({@code 2^h} leaves starting at a multiple of
 * {@code 2^h}), hashed once when its last leaf arrives. Every root and every node of a proof for any
 * prefix is either one of those or a fold of at most {@code log2(n)} of them, so {@link #root(long)} and
 * the proofs take O(log n) hashes, and appending takes amortised O(1). Memory is about two hashes per leaf.
 *
 * <p>Thread-safe. Each call is short (O(log n)), so one monitor is simpler than anything cleverer and
 * costs nothing measurable.
 */
public final class MerkleTree {

    private final MerkleHasher hasher;
    // levels.get(h).get(i) is the hash of leaves [i * 2^h, (i + 1) * 2^h).
    private final List<HashColumn> levels = new ArrayList<>();
    private long size;

    public MerkleTree(MerkleHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** A tree holding {@code leafHashes}, in order. */
    public static MerkleTree of(MerkleHasher hasher, List<byte[]> leafHashes) {
        MerkleTree tree = new MerkleTree(hasher);
        for (byte[] leafHash : leafHashes) {
            tree.append(leafHash);
        }
        return tree;
    }

    public MerkleHasher hasher() {
        return hasher;
    }

    public synchronized long size() {
        return size;
    }

    /**
     * Appends a leaf by its hash (already {@link MerkleHasher#hashLeaf hashLeaf}ed).
     *
     * @return the index of the new leaf
     * @throws IllegalArgumentException if the hash is not {@link MerkleHasher#size()} bytes long
     */
    public synchronized long append(byte[] leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        if (leafHash.length != hasher.size()) {
            throw new IllegalArgumentException(
                    "leaf hash has " + leafHash.length + " bytes, " + hasher.name() + " needs " + hasher.size());
        }
        long index = size;
        column(0).add(leafHash);
        // A right child completes its parent, which may in turn be a right child: hash each completed
        // subtree now, once, so that nothing is ever recomputed for a root or a proof.
        byte[] node = leafHash;
        long i = index;
        for (int level = 0; (i & 1) == 1; level++, i >>>= 1) {
            node = hasher.hashChildren(levels.get(level).get(i - 1), node);
            column(level + 1).add(node);
        }
        size = index + 1;
        return index;
    }

    /** Appends a leaf by its content; the same as {@code append(hasher().hashLeaf(leafData))}. */
    public long appendData(byte[] leafData) {
        return append(hasher.hashLeaf(leafData));
    }

    public synchronized byte[] leafHash(long index) {
        checkIndex(index, size);
        return levels.get(0).get(index);
    }

    /** Root of the whole tree as it is now. */
    public synchronized byte[] root() {
        return root(size);
    }

    /** Root of the tree made of the first {@code size} leaves (RFC 9162 §2.1.1 MTH). */
    public synchronized byte[] root(long size) {
        checkSize("size", size);
        return SubtreeProofs.root(hasher, this::node, size);
    }

    /**
     * Audit path of leaf {@code index} in the tree of the first {@code size} leaves (RFC 9162 §2.1.3.1),
     * nearest the leaf first.
     */
    public synchronized List<byte[]> inclusionProof(long index, long size) {
        checkSize("size", size);
        checkIndex(index, size);
        return SubtreeProofs.inclusionProof(hasher, this::node, index, size);
    }

    /**
     * Proof that the tree of the first {@code size1} leaves is a prefix of the tree of the first
     * {@code size2} (RFC 9162 §2.1.4.1). Empty when {@code size1} is 0 or equal to {@code size2}.
     */
    public synchronized List<byte[]> consistencyProof(long size1, long size2) {
        checkSize("size2", size2);
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("size1 " + size1 + " is outside [0, size2 " + size2 + "]");
        }
        return SubtreeProofs.consistencyProof(hasher, this::node, size1, size2);
    }

    private byte[] node(int level, long index) {
        return levels.get(level).get(index);
    }

    private HashColumn column(int level) {
        if (level == levels.size()) {
            levels.add(new HashColumn(hasher.size()));
        }
        return levels.get(level);
    }

    private void checkSize(String what, long requested) {
        if (requested < 0 || requested > size) {
            throw new IllegalArgumentException(
                    what + " " + requested + " is outside [0, " + size + "], the tree's size");
        }
    }

    private static void checkIndex(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside [0, " + size + ")");
        }
    }
}
