package org.prooftrail.core.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Client-side checks of inclusion and consistency proofs, following the algorithms of RFC 9162 §2.1.3.2
 * and §2.1.4.2.
 *
 * <p>Sizes, indexes and hashes are treated as untrusted: the {@code verify} methods answer anything
 * malformed with a failed {@link Verification} naming the problem, never an exception; only null arguments
 * (a programming error) throw. The proof length is checked before the RFC loop runs, so a short or padded
 * proof is reported as such rather than as a root mismatch.
 */
public final class MerkleProofs {

    private static final HexFormat HEX = HexFormat.of();

    private MerkleProofs() {
    }

    /**
     * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose root is
     * {@code expectedRoot}.
     *
     * <p>The size only shapes the path, so a proof may also verify for another size with the same
     * shape; the size is bound to the root by whatever signs the root (the checkpoint), not by this check.
     */
    public static Verification verifyInclusion(MerkleHasher hasher, long index, long size, byte[] leafHash,
            List<byte[]> proof, byte[] expectedRoot) {
        Objects.requireNonNull(expectedRoot, "expectedRoot");
        String problem = inclusionProblem(hasher, index, size, leafHash, proof);
        if (problem == null) {
            problem = wrongLength(hasher, "expected root", expectedRoot);
        }
        if (problem != null) {
            return Verification.failure(problem);
        }
        byte[] root = chainInclusion(hasher, index, size, leafHash, proof);
        if (root == null) {
            return Verification.failure("proof does not fit a tree of size " + size);
        }
        return MessageDigest.isEqual(root, expectedRoot)
                ? Verification.success()
                : Verification.failure("computed root " + HEX.formatHex(root) + " does not match expected root "
                        + HEX.formatHex(expectedRoot));
    }

    /**
     * The root that an inclusion proof implies, for callers that look the root up rather than hold it.
     *
     * @throws IllegalArgumentException if the index, size, leaf hash or proof cannot describe such a tree;
     *     the message says which
     */
    public static byte[] rootFromInclusionProof(MerkleHasher hasher, long index, long size, byte[] leafHash,
            List<byte[]> proof) {
        String problem = inclusionProblem(hasher, index, size, leafHash, proof);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        byte[] root = chainInclusion(hasher, index, size, leafHash, proof);
        if (root == null) {
            throw new IllegalArgumentException("proof does not fit a tree of size " + size);
        }
        // With an empty proof the root is the leaf hash itself; don't hand the caller's array back.
        return proof.isEmpty() ? root.clone() : root;
    }

    /**
     * Checks that the tree of {@code size1} leaves with root {@code root1} is a prefix of the tree of
     * {@code size2} leaves with root {@code root2}.
     *
     * <p>Stricter than RFC 9162 at the edges: when {@code size1} is 0, {@code root1} must be the empty root
     * (a client that holds anything else for size 0 is confused, and saying so beats accepting it).
     */
    public static Verification verifyConsistency(MerkleHasher hasher, long size1, long size2, byte[] root1,
            byte[] root2, List<byte[]> proof) {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(root1, "root1");
        Objects.requireNonNull(root2, "root2");
        Objects.requireNonNull(proof, "proof");
        if (size1 < 0 || size2 < 0) {
            return Verification.failure("negative tree size: size1 " + size1 + ", size2 " + size2);
        }
        if (size1 > size2) {
            return Verification.failure("size1 " + size1 + " > size2 " + size2 + ": a log never shrinks");
        }
        String problem = wrongLength(hasher, "root1", root1);
        if (problem == null) {
            problem = wrongLength(hasher, "root2", root2);
        }
        if (problem != null) {
            return Verification.failure(problem);
        }
        if (size1 == 0 || size1 == size2) {
            return trivialConsistency(hasher, size1, size2, root1, root2, proof);
        }
        int want = consistencyProofSize(size1, size2);
        if (proof.size() != want) {
            return Verification.failure("consistency proof has " + proof.size() + " hashes, want " + want
                    + " for sizes " + size1 + " -> " + size2);
        }
        problem = wrongElementLength(hasher, proof);
        if (problem != null) {
            return Verification.failure(problem);
        }
        byte[][] roots = chainConsistency(hasher, size1, size2, root1, proof);
        if (roots == null) {
            return Verification.failure("proof does not fit sizes " + size1 + " -> " + size2);
        }
        if (!MessageDigest.isEqual(roots[0], root1)) {
            return Verification.failure("proof yields root1 " + HEX.formatHex(roots[0]) + ", expected "
                    + HEX.formatHex(root1));
        }
        if (!MessageDigest.isEqual(roots[1], root2)) {
            return Verification.failure("proof yields root2 " + HEX.formatHex(roots[1]) + ", expected "
                    + HEX.formatHex(root2));
        }
        return Verification.success();
    }

    /**
     * Number of hashes in the inclusion proof of leaf {@code index} in a tree of {@code size} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size}
     */
    public static int inclusionProofSize(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is outside [0, " + size + ")");
        }
        // Below the level where the paths to index and to the last leaf meet, every level contributes a
        // sibling; above it, only the levels where the path has a left sibling do.
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }

    /**
     * Number of hashes in the consistency proof from {@code size1} to {@code size2}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= size1 <= size2}
     */
    public static int consistencyProofSize(long size1, long size2) {
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("need 0 <= size1 <= size2, got " + size1 + ", " + size2);
        }
        if (size1 == 0 || size1 == size2) {
            return 0;
        }
        // The inclusion path of the old tree's last leaf in the new tree, minus the levels inside the
        // largest complete subtree ending at size1, whose root is sent instead (or, when that subtree is
        // the whole old tree, already known as root1).
        int shift = Long.numberOfTrailingZeros(size1);
        int seed = size1 == Long.lowestOneBit(size1) ? 0 : 1;
        return inclusionProofSize(size1 - 1, size2) - shift + seed;
    }

    private static Verification trivialConsistency(MerkleHasher hasher, long size1, long size2, byte[] root1,
            byte[] root2, List<byte[]> proof) {
        if (!proof.isEmpty()) {
            return Verification.failure("sizes " + size1 + " -> " + size2 + " need an empty proof, got "
                    + proof.size() + " hashes");
        }
        if (size1 == 0 && !MessageDigest.isEqual(root1, hasher.emptyRoot())) {
            return Verification.failure("root1 " + HEX.formatHex(root1) + " of the empty tree is not the "
                    + hasher.name() + " empty root");
        }
        if (size1 == size2 && !MessageDigest.isEqual(root1, root2)) {
            return Verification.failure("same size " + size1 + " but different roots " + HEX.formatHex(root1)
                    + " and " + HEX.formatHex(root2));
        }
        return Verification.success();
    }

    private static String inclusionProblem(MerkleHasher hasher, long index, long size, byte[] leafHash,
            List<byte[]> proof) {
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(proof, "proof");
        if (size < 0 || index < 0 || index >= size) {
            return "leaf index " + index + " is outside [0, " + size + ")";
        }
        String problem = wrongLength(hasher, "leaf hash", leafHash);
        if (problem != null) {
            return problem;
        }
        int want = inclusionProofSize(index, size);
        if (proof.size() != want) {
            return "inclusion proof has " + proof.size() + " hashes, want " + want + " for leaf " + index
                    + " of " + size;
        }
        return wrongElementLength(hasher, proof);
    }

    /** RFC 9162 §2.1.3.2 steps 2-5; null where the RFC says "stop and fail". */
    private static byte[] chainInclusion(MerkleHasher hasher, long index, long size, byte[] leafHash,
            List<byte[]> proof) {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = hasher.hashChildren(p, r);
                // On the right border a node may have no right sibling: climb past those levels.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = hasher.hashChildren(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 ? r : null;
    }

    /** RFC 9162 §2.1.4.2 steps 2-7; returns {first root, second root}, or null where the RFC fails. */
    private static byte[][] chainConsistency(MerkleHasher hasher, long size1, long size2, byte[] root1,
            List<byte[]> proof) {
        List<byte[]> path = proof;
        if (size1 == Long.lowestOneBit(size1)) {
            // The old tree is a complete subtree of the new one, so the proof omits its root: it is root1.
            path = new ArrayList<>(proof.size() + 1);
            path.add(root1);
            path.addAll(proof);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = hasher.hashChildren(c, fr);
                sr = hasher.hashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = hasher.hashChildren(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 ? new byte[][] {fr, sr} : null;
    }

    private static String wrongLength(MerkleHasher hasher, String what, byte[] hash) {
        return hash.length == hasher.size()
                ? null
                : what + " has " + hash.length + " bytes, " + hasher.name() + " hashes have " + hasher.size();
    }

    private static String wrongElementLength(MerkleHasher hasher, List<byte[]> proof) {
        for (int i = 0; i < proof.size(); i++) {
            byte[] p = proof.get(i);
            if (p == null) {
                return "proof[" + i + "] is null";
            }
            String problem = wrongLength(hasher, "proof[" + i + "]", p);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
