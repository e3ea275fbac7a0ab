package org.prooftrail.core.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exhaustive checks over every tree size up to a bound: generated proofs match the RFC's recursive
 * definitions, verify, and stop verifying when anything about them is changed.
 */
class MerkleTreePropertiesTest {

    /**
     * @param maxSize every tree size 1..maxSize gets every inclusion proof checked and corrupted
     * @param pairMax every pair 0 <= m <= n <= pairMax gets its consistency proof verified
     * @param corruptPairMax every pair 1 <= m <= n <= corruptPairMax gets its consistency proof corrupted
     * @param referenceMax sizes up to this are compared node by node with {@link ReferenceTree}
     * @param everyByteMax sizes up to this get every byte of every hash flipped, not just one per hash
     */
    record Bounds(MerkleHasher hasher, int maxSize, int pairMax, int corruptPairMax, int referenceMax,
            int everyByteMax) {
        @Override
        public String toString() {
            return hasher.name() + " up to " + maxSize;
        }
    }

    static Stream<Bounds> bounds() {
        return Stream.of(
                new Bounds(MerkleHasher.sha256(), 300, 300, 128, 80, 16),
                new Bounds(MerkleHasher.sm3(), 128, 128, 48, 40, 8));
    }

    private static List<byte[]> leafHashes(MerkleHasher h, int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(h.hashLeaf(("leaf " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Twice the largest size, so that "size * 2" probes have a true root to be checked against. */
    private static MerkleTree tree(Bounds b) {
        return MerkleTree.of(b.hasher(), leafHashes(b.hasher(), 2 * b.maxSize() + 2));
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void rootsMatchReferenceAtEverySize(Bounds b) {
        MerkleHasher h = b.hasher();
        List<byte[]> leaves = leafHashes(h, b.maxSize());
        MerkleTree growing = new MerkleTree(h);
        assertArrayEquals(h.emptyRoot(), growing.root());
        for (int n = 1; n <= b.maxSize(); n++) {
            assertEquals(n - 1, growing.append(leaves.get(n - 1)));
            byte[] want = ReferenceTree.mth(h, leaves.subList(0, n));
            assertArrayEquals(want, growing.root(), "root at size " + n);
        }
        for (int n = 0; n <= b.maxSize(); n++) {
            assertArrayEquals(ReferenceTree.mth(h, leaves.subList(0, n)), growing.root(n), "root(" + n + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void proofsMatchReference(Bounds b) {
        MerkleHasher h = b.hasher();
        List<byte[]> leaves = leafHashes(h, b.referenceMax());
        MerkleTree tree = MerkleTree.of(h, leaves);
        for (int n = 0; n <= b.referenceMax(); n++) {
            List<byte[]> prefix = leaves.subList(0, n);
            for (int i = 0; i < n; i++) {
                assertSameHashes(ReferenceTree.path(h, i, prefix), tree.inclusionProof(i, n), "PATH(" + i + ", " + n + ")");
            }
            for (int m = 0; m <= n; m++) {
                assertSameHashes(ReferenceTree.proof(h, m, prefix), tree.consistencyProof(m, n),
                        "PROOF(" + m + ", " + n + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void everyInclusionProofVerifies(Bounds b) {
        MerkleHasher h = b.hasher();
        MerkleTree tree = tree(b);
        for (int n = 1; n <= b.maxSize(); n++) {
            byte[] root = tree.root(n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = tree.inclusionProof(i, n);
                byte[] leaf = tree.leafHash(i);
                assertEquals(MerkleProofs.inclusionProofSize(i, n), proof.size());
                Verification v = MerkleProofs.verifyInclusion(h, i, n, leaf, proof, root);
                if (!v.ok()) {
                    fail("leaf " + i + " of " + n + ": " + v.reason());
                }
                assertArrayEquals(root, MerkleProofs.rootFromInclusionProof(h, i, n, leaf, proof));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void corruptedInclusionProofsFail(Bounds b) {
        MerkleHasher h = b.hasher();
        MerkleTree tree = tree(b);
        for (int n = 1; n <= b.maxSize(); n++) {
            byte[] root = tree.root(n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = tree.inclusionProof(i, n);
                byte[] leaf = tree.leafHash(i);
                String at = "leaf " + i + " of " + n + ": ";
                boolean everyByte = n <= b.everyByteMax();
                for (int j = 0; j < proof.size(); j++) {
                    for (int offset : offsets(everyByte, i + j, h.size())) {
                        List<byte[]> bad = Rfc6962VectorsTest.flipped(proof, j, offset, 1);
                        expectInclusionFailure(at + "proof[" + j + "][" + offset + "]", h, i, n, leaf, bad, root);
                    }
                }
                for (int offset : offsets(everyByte, i, h.size())) {
                    expectInclusionFailure(at + "leaf[" + offset + "]", h, i, n, flip(leaf, offset), proof, root);
                    expectInclusionFailure(at + "root[" + offset + "]", h, i, n, leaf, proof, flip(root, offset));
                }
                // Another leaf's position in the same tree: always a different shape, so always a failure.
                for (long other : new long[] {i - 1, i + 1, i ^ 1, i ^ 2, n}) {
                    if (other != i) {
                        expectInclusionFailure(at + "as index " + other, h, other, n, leaf, proof, root);
                    }
                }
                // Another size, checked against that size's true root (see sizeIsBoundOnlyThroughTheRoot).
                for (long other : new long[] {n - 1, n + 1, 2L * n, n / 2}) {
                    if (other != n && other > i) {
                        expectInclusionFailure(at + "as size " + other, h, i, other, leaf, proof, tree.root(other));
                    }
                }
                if (!proof.isEmpty()) {
                    expectInclusionFailure(at + "truncated", h, i, n, leaf, proof.subList(0, proof.size() - 1), root);
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(root);
                expectInclusionFailure(at + "extended", h, i, n, leaf, longer, root);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void everyConsistencyProofVerifies(Bounds b) {
        MerkleHasher h = b.hasher();
        MerkleTree tree = tree(b);
        byte[][] roots = roots(tree, b.pairMax());
        for (int n = 0; n <= b.pairMax(); n++) {
            for (int m = 0; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                assertEquals(MerkleProofs.consistencyProofSize(m, n), proof.size(), m + " -> " + n);
                Verification v = MerkleProofs.verifyConsistency(h, m, n, roots[m], roots[n], proof);
                if (!v.ok()) {
                    fail(m + " -> " + n + ": " + v.reason());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void corruptedConsistencyProofsFail(Bounds b) {
        MerkleHasher h = b.hasher();
        MerkleTree tree = tree(b);
        byte[][] roots = roots(tree, b.corruptPairMax() + 1);
        for (int n = 1; n <= b.corruptPairMax(); n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> proof = tree.consistencyProof(m, n);
                String at = m + " -> " + n + ": ";
                boolean everyByte = n <= b.everyByteMax();
                for (int j = 0; j < proof.size(); j++) {
                    for (int offset : offsets(everyByte, m + n + j, h.size())) {
                        List<byte[]> bad = Rfc6962VectorsTest.flipped(proof, j, offset, 1);
                        expectConsistencyFailure(at + "proof[" + j + "][" + offset + "]", h, m, n, roots[m], roots[n], bad);
                    }
                }
                for (int offset : offsets(everyByte, m + n, h.size())) {
                    expectConsistencyFailure(at + "root1[" + offset + "]", h, m, n, flip(roots[m], offset), roots[n], proof);
                    expectConsistencyFailure(at + "root2[" + offset + "]", h, m, n, roots[m], flip(roots[n], offset), proof);
                }
                // Other sizes, each checked against its own true roots.
                long[][] others = {{m - 1, n}, {m + 1, n}, {m, n + 1}, {m, n - 1}, {m - 1, n - 1}, {m + 1, n + 1}};
                for (long[] o : others) {
                    if (o[0] >= 1 && o[0] <= o[1] && o[1] <= b.corruptPairMax() + 1 && (o[0] != m || o[1] != n)
                            && !(o[0] == o[1] && proof.isEmpty())) {
                        expectConsistencyFailure(at + "as " + o[0] + " -> " + o[1], h, o[0], o[1],
                                roots[(int) o[0]], roots[(int) o[1]], proof);
                    }
                }
                if (!proof.isEmpty()) {
                    expectConsistencyFailure(at + "truncated", h, m, n, roots[m], roots[n], proof.subList(0, proof.size() - 1));
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(roots[n]);
                expectConsistencyFailure(at + "extended", h, m, n, roots[m], roots[n], longer);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void readersSeeConsistentPrefixesWhileTheTreeGrows(Bounds b) throws Exception {
        MerkleHasher h = b.hasher();
        List<byte[]> leaves = leafHashes(h, 20_000);
        MerkleTree tree = new MerkleTree(h);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    long seenSize = 0;
                    byte[] seenRoot = h.emptyRoot();
                    while (!done.get() || seenSize < tree.size()) {
                        long n = tree.size();
                        byte[] root = tree.root(n);
                        Verification v = MerkleProofs.verifyConsistency(h, seenSize, n, seenRoot, root,
                                tree.consistencyProof(seenSize, n));
                        assertTrue(v.ok(), v.reason());
                        if (n > 0) {
                            long i = n / 2;
                            v = MerkleProofs.verifyInclusion(h, i, n, leaves.get((int) i), tree.inclusionProof(i, n), root);
                            assertTrue(v.ok(), v.reason());
                        }
                        seenSize = n;
                        seenRoot = root;
                    }
                    return null;
                }));
            }
            for (byte[] leaf : leaves) {
                tree.append(leaf);
            }
            done.set(true);
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(ReferenceTree.mth(h, leaves), tree.root());
    }

    @ParameterizedTest
    @MethodSource("bounds")
    void largeTreeAcrossStorageChunks(Bounds b) {
        // HashColumn packs 4096 hashes per chunk; 20000 leaves put the first three levels across chunk
        // boundaries, which the small sizes above never reach.
        MerkleHasher h = b.hasher();
        List<byte[]> leaves = leafHashes(h, 20_000);
        MerkleTree tree = MerkleTree.of(h, leaves);
        long[] sizes = {4095, 4096, 4097, 8191, 8192, 8193, 12_289, 16_384, 20_000};
        for (long n : sizes) {
            List<byte[]> prefix = leaves.subList(0, (int) n);
            byte[] root = ReferenceTree.mth(h, prefix);
            assertArrayEquals(root, tree.root(n), "root(" + n + ")");
            for (long i : new long[] {0, 4095, 4096, 8191, 8192, n / 3, n - 1}) {
                if (i < n) {
                    List<byte[]> proof = tree.inclusionProof(i, n);
                    assertSameHashes(ReferenceTree.path(h, (int) i, prefix), proof, "PATH(" + i + ", " + n + ")");
                    assertTrue(MerkleProofs.verifyInclusion(h, i, n, leaves.get((int) i), proof, root).ok());
                }
            }
            for (long m : sizes) {
                if (m <= n) {
                    List<byte[]> proof = tree.consistencyProof(m, n);
                    assertSameHashes(ReferenceTree.proof(h, (int) m, prefix), proof, "PROOF(" + m + ", " + n + ")");
                    assertTrue(MerkleProofs.verifyConsistency(h, m, n, tree.root(m), root, proof).ok());
                }
            }
        }
    }

    private static void expectInclusionFailure(String what, MerkleHasher h, long index, long size, byte[] leaf,
            List<byte[]> proof, byte[] root) {
        if (MerkleProofs.verifyInclusion(h, index, size, leaf, proof, root).ok()) {
            fail(what + " still verified");
        }
    }

    private static void expectConsistencyFailure(String what, MerkleHasher h, long size1, long size2, byte[] root1,
            byte[] root2, List<byte[]> proof) {
        if (MerkleProofs.verifyConsistency(h, size1, size2, root1, root2, proof).ok()) {
            fail(what + " still verified");
        }
    }

    private static byte[][] roots(MerkleTree tree, int max) {
        byte[][] roots = new byte[max + 1][];
        for (int n = 0; n <= max; n++) {
            roots[n] = tree.root(n);
        }
        return roots;
    }

    /** Every offset, or one that moves with {@code seed} so that all offsets get exercised across cases. */
    private static int[] offsets(boolean every, int seed, int hashSize) {
        if (!every) {
            return new int[] {Math.floorMod(seed * 7, hashSize)};
        }
        int[] all = new int[hashSize];
        for (int k = 0; k < hashSize; k++) {
            all[k] = k;
        }
        return all;
    }

    private static byte[] flip(byte[] hash, int offset) {
        byte[] copy = hash.clone();
        copy[offset] ^= 1;
        return copy;
    }

    private static void assertSameHashes(List<byte[]> want, List<byte[]> got, String what) {
        assertEquals(want.size(), got.size(), what + " length");
        for (int k = 0; k < want.size(); k++) {
            assertArrayEquals(want.get(k), got.get(k), what + " [" + k + "]");
        }
    }
}
