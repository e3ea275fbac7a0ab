package org.prooftrail.core.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RFC 6962 test vectors used by transparency-dev/merkle ({@code testonly/constants.go},
 * {@code proof/verify_test.go}) and google/certificate-transparency, and their corruption probes.
 */
class Rfc6962VectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final MerkleHasher H = MerkleHasher.sha256();

    private static final List<String> LEAVES = List.of(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** Roots indexed by tree size, 0 to 8. */
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** Complete subtree hashes by level (0 = leaves), left to right. */
    private static final List<List<String>> NODES = List.of(
            List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            List.of("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            List.of("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    private record InclusionVector(long index, long size, List<String> proof) {
    }

    private record ConsistencyVector(long size1, long size2, List<String> proof) {
    }

    // verify_test.go numbers leaves from 1; these are 0-based.
    private static final List<InclusionVector> INCLUSION = List.of(
            new InclusionVector(0, 1, List.of()),
            new InclusionVector(0, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(5, 8, List.of(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(2, 3, List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(1, 5, List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    private static final List<ConsistencyVector> CONSISTENCY = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(6, 8, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(2, 5, List.of(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(6, 7, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    private static final byte[] SOME_HASH = HEX.parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");

    private static MerkleTree tree() {
        MerkleTree t = new MerkleTree(H);
        LEAVES.forEach(leaf -> t.appendData(HEX.parseHex(leaf)));
        return t;
    }

    private static byte[] root(long size) {
        return HEX.parseHex(ROOTS.get((int) size));
    }

    private static List<byte[]> hashes(List<String> hex) {
        return hex.stream().map(HEX::parseHex).toList();
    }

    @Test
    void rootsForEverySize() {
        MerkleTree t = new MerkleTree(H);
        assertEquals(ROOTS.get(0), HEX.formatHex(t.root()));
        for (String leaf : LEAVES) {
            t.appendData(HEX.parseHex(leaf));
            assertEquals(ROOTS.get((int) t.size()), HEX.formatHex(t.root()), "size " + t.size());
        }
        for (int size = 0; size <= 8; size++) {
            assertEquals(ROOTS.get(size), HEX.formatHex(t.root(size)), "size " + size);
        }
    }

    @Test
    void leafAndCompleteSubtreeHashes() {
        MerkleTree t = tree();
        for (int i = 0; i < 8; i++) {
            assertEquals(NODES.get(0).get(i), HEX.formatHex(t.leafHash(i)));
            assertEquals(NODES.get(0).get(i), HEX.formatHex(H.hashLeaf(HEX.parseHex(LEAVES.get(i)))));
        }
        for (int level = 1; level < NODES.size(); level++) {
            for (int i = 0; i < NODES.get(level).size(); i++) {
                byte[] left = HEX.parseHex(NODES.get(level - 1).get(2 * i));
                byte[] right = HEX.parseHex(NODES.get(level - 1).get(2 * i + 1));
                assertEquals(NODES.get(level).get(i), HEX.formatHex(H.hashChildren(left, right)));
            }
        }
    }

    @Test
    void publishedInclusionProofs() {
        MerkleTree t = tree();
        for (InclusionVector v : INCLUSION) {
            List<byte[]> want = hashes(v.proof());
            assertEquals(v.proof(), t.inclusionProof(v.index(), v.size()).stream().map(HEX::formatHex).toList(),
                    v.toString());
            byte[] leaf = t.leafHash(v.index());
            assertArrayEquals(root(v.size()), MerkleProofs.rootFromInclusionProof(H, v.index(), v.size(), leaf, want));
            Verification ok = MerkleProofs.verifyInclusion(H, v.index(), v.size(), leaf, want, root(v.size()));
            assertTrue(ok.ok(), ok.reason());
            for (Map.Entry<String, Verification> probe : corruptInclusion(v.index(), v.size(), leaf, want,
                    root(v.size())).entrySet()) {
                assertFalse(probe.getValue().ok(), v + ": " + probe.getKey() + " verified");
            }
        }
    }

    @Test
    void publishedConsistencyProofs() {
        MerkleTree t = tree();
        for (ConsistencyVector v : CONSISTENCY) {
            List<byte[]> want = hashes(v.proof());
            assertEquals(v.proof(), t.consistencyProof(v.size1(), v.size2()).stream().map(HEX::formatHex).toList(),
                    v.toString());
            byte[] root1 = root(v.size1());
            byte[] root2 = root(v.size2());
            Verification ok = MerkleProofs.verifyConsistency(H, v.size1(), v.size2(), root1, root2, want);
            assertTrue(ok.ok(), ok.reason());
            if (want.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, Verification> probe : corruptConsistency(v.size1(), v.size2(), root1, root2,
                    want).entrySet()) {
                assertFalse(probe.getValue().ok(), v + ": " + probe.getKey() + " verified");
            }
        }
    }

    /** The probes of verify_test.go's corruptInclusionProof. */
    private static Map<String, Verification> corruptInclusion(long index, long size, byte[] leaf, List<byte[]> proof,
            byte[] root) {
        Map<String, Verification> out = new LinkedHashMap<>();
        out.put("index - 1", MerkleProofs.verifyInclusion(H, index - 1, size, leaf, proof, root));
        out.put("index + 1", MerkleProofs.verifyInclusion(H, index + 1, size, leaf, proof, root));
        out.put("index ^ 2", MerkleProofs.verifyInclusion(H, index ^ 2, size, leaf, proof, root));
        out.put("size * 2", MerkleProofs.verifyInclusion(H, index, size * 2, leaf, proof, root));
        out.put("size / 2", MerkleProofs.verifyInclusion(H, index, size / 2, leaf, proof, root));
        out.put("wrong leaf", MerkleProofs.verifyInclusion(H, index, size,
                "WrongLeaf".getBytes(StandardCharsets.US_ASCII), proof, root));
        out.put("empty root", MerkleProofs.verifyInclusion(H, index, size, leaf, proof, H.emptyRoot()));
        out.put("random root", MerkleProofs.verifyInclusion(H, index, size, leaf, proof, SOME_HASH));
        out.put("trailing garbage", MerkleProofs.verifyInclusion(H, index, size, leaf, with(proof, new byte[0]), root));
        out.put("trailing root", MerkleProofs.verifyInclusion(H, index, size, leaf, with(proof, root), root));
        out.put("preceding garbage", MerkleProofs.verifyInclusion(H, index, size, leaf, with(new byte[0], proof), root));
        out.put("preceding root", MerkleProofs.verifyInclusion(H, index, size, leaf, with(root, proof), root));
        for (int i = 0; i < proof.size(); i++) {
            out.put("proof[" + i + "] bit 3",
                    MerkleProofs.verifyInclusion(H, index, size, leaf, flipped(proof, i, 0, 8), root));
        }
        if (!proof.isEmpty()) {
            out.put("removed component",
                    MerkleProofs.verifyInclusion(H, index, size, leaf, proof.subList(0, proof.size() - 1), root));
        }
        if (proof.size() > 1) {
            List<byte[]> inserted = new ArrayList<>(proof);
            inserted.add(1, SOME_HASH);
            out.put("inserted component", MerkleProofs.verifyInclusion(H, index, size, leaf, inserted, root));
        }
        return out;
    }

    /** The probes of verify_test.go's corruptConsistencyProof. */
    private static Map<String, Verification> corruptConsistency(long size1, long size2, byte[] root1, byte[] root2,
            List<byte[]> proof) {
        byte[] wrong = "WrongRoot".getBytes(StandardCharsets.US_ASCII);
        Map<String, Verification> out = new LinkedHashMap<>();
        out.put("size1 - 1", MerkleProofs.verifyConsistency(H, size1 - 1, size2, root1, root2, proof));
        out.put("size1 + 1", MerkleProofs.verifyConsistency(H, size1 + 1, size2, root1, root2, proof));
        out.put("size1 ^ 2", MerkleProofs.verifyConsistency(H, size1 ^ 2, size2, root1, root2, proof));
        out.put("size2 * 2", MerkleProofs.verifyConsistency(H, size1, size2 * 2, root1, root2, proof));
        out.put("size2 / 2", MerkleProofs.verifyConsistency(H, size1, size2 / 2, root1, root2, proof));
        out.put("wrong root1", MerkleProofs.verifyConsistency(H, size1, size2, wrong, root2, proof));
        out.put("wrong root2", MerkleProofs.verifyConsistency(H, size1, size2, root1, wrong, proof));
        out.put("swapped roots", MerkleProofs.verifyConsistency(H, size1, size2, root2, root1, proof));
        out.put("empty proof", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, List.of()));
        out.put("trailing garbage", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(proof, new byte[0])));
        out.put("trailing root1", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(proof, root1)));
        out.put("trailing root2", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(proof, root2)));
        out.put("preceding garbage", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(new byte[0], proof)));
        out.put("preceding root1", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(root1, proof)));
        out.put("preceding root2", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(root2, proof)));
        out.put("preceding proof[0]", MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, with(proof.get(0), proof)));
        out.put("truncated proof",
                MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, proof.subList(0, proof.size() - 1)));
        for (int i = 0; i < proof.size(); i++) {
            out.put("proof[" + i + "] bit 4",
                    MerkleProofs.verifyConsistency(H, size1, size2, root1, root2, flipped(proof, i, 0, 16)));
        }
        return out;
    }

    @Test
    void singleEntryInclusion() {
        // verify_test.go TestVerifyInclusionSingleEntry: a one-leaf tree's root is its leaf hash.
        byte[] hash = H.hashLeaf("data".getBytes(StandardCharsets.US_ASCII));
        byte[] empty = new byte[0];
        assertTrue(MerkleProofs.verifyInclusion(H, 0, 1, hash, List.of(), hash).ok());
        assertFalse(MerkleProofs.verifyInclusion(H, 0, 1, empty, List.of(), hash).ok());
        assertFalse(MerkleProofs.verifyInclusion(H, 0, 1, hash, List.of(), empty).ok());
        assertFalse(MerkleProofs.verifyInclusion(H, 0, 1, empty, List.of(), empty).ok());
    }

    @Test
    void inclusionEdgeProbes() {
        // verify_test.go TestVerifyInclusion: index/size pairs that describe no leaf.
        long[][] probes = {{0, 0}, {1, 0}, {1, 1}, {2, 1}, {-1, 1}, {0, -1}};
        for (long[] p : probes) {
            assertFalse(MerkleProofs.verifyInclusion(H, p[0], p[1], SOME_HASH, List.of(), new byte[0]).ok());
            assertFalse(MerkleProofs.verifyInclusion(H, p[0], p[1], new byte[0], List.of(), H.emptyRoot()).ok());
            Verification v = MerkleProofs.verifyInclusion(H, p[0], p[1], SOME_HASH, List.of(), H.emptyRoot());
            assertFalse(v.ok());
            assertTrue(v.reason().contains("outside"), v.reason());
        }
    }

    @Test
    void consistencyEdgeCases() {
        // verify_test.go TestVerifyConsistency, with hash-sized roots: unlike transparency-dev, a root of the
        // wrong length is always rejected, and size 0 requires the real empty root.
        byte[] r1 = H.hashLeaf(new byte[] {1});
        byte[] r2 = H.hashLeaf(new byte[] {2});
        byte[] e = H.emptyRoot();
        List<byte[]> none = List.of();
        List<byte[]> one = List.of(e);
        record Case(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof, boolean ok) {
        }
        List<Case> cases = List.of(
                new Case(0, 0, e, e, none, true),
                new Case(0, 0, e, r2, none, false),
                new Case(0, 0, r1, r1, none, false),
                new Case(0, 1, e, r2, none, true),
                new Case(0, 1, r1, r2, none, false),
                new Case(1, 1, r1, r2, none, false),
                new Case(1, 1, r2, r2, none, true),
                new Case(1, 0, r1, r2, none, false),
                new Case(2, 1, r1, r2, none, false),
                new Case(1, 2, r1, r2, none, false),
                new Case(0, 0, e, e, one, false),
                new Case(0, 1, e, e, one, false),
                new Case(1, 1, e, e, one, false),
                new Case(-1, 1, e, e, none, false),
                new Case(1, 1, Arrays.copyOf(r1, 31), Arrays.copyOf(r1, 31), none, false));
        for (Case c : cases) {
            Verification v = MerkleProofs.verifyConsistency(H, c.size1(), c.size2(), c.root1(), c.root2(), c.proof());
            assertEquals(c.ok(), v.ok(), c.size1() + " -> " + c.size2() + ": " + v.reason());
        }
    }

    @Test
    void failureReasonsArePrecise() {
        MerkleTree t = tree();
        List<byte[]> proof = t.inclusionProof(2, 5);
        byte[] leaf = t.leafHash(2);
        assertEquals("inclusion proof has 2 hashes, want 3 for leaf 2 of 5",
                MerkleProofs.verifyInclusion(H, 2, 5, leaf, proof.subList(0, 2), t.root(5)).reason());
        assertEquals("leaf index 5 is outside [0, 5)",
                MerkleProofs.verifyInclusion(H, 5, 5, leaf, proof, t.root(5)).reason());
        assertEquals("proof[1] has 31 bytes, sha256 hashes have 32",
                MerkleProofs.verifyInclusion(H, 2, 5, leaf,
                        List.of(proof.get(0), Arrays.copyOf(proof.get(1), 31), proof.get(2)), t.root(5)).reason());
        assertTrue(MerkleProofs.verifyInclusion(H, 2, 5, leaf, proof, t.root(6)).reason()
                .startsWith("computed root "));
        assertEquals("size1 6 > size2 5: a log never shrinks",
                MerkleProofs.verifyConsistency(H, 6, 5, t.root(6), t.root(5), List.of()).reason());
        assertEquals("consistency proof has 1 hashes, want 2 for sizes 2 -> 5",
                MerkleProofs.verifyConsistency(H, 2, 5, t.root(2), t.root(5), t.consistencyProof(2, 5).subList(0, 1))
                        .reason());
        assertTrue(MerkleProofs.verifyConsistency(H, 6, 8, t.root(5), t.root(8), t.consistencyProof(6, 8)).reason()
                .startsWith("proof yields root1 "));
        assertTrue(MerkleProofs.verifyConsistency(H, 6, 8, t.root(6), t.root(7), t.consistencyProof(6, 8)).reason()
                .startsWith("proof yields root2 "));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MerkleProofs.rootFromInclusionProof(H, 2, 5, leaf, proof.subList(0, 1)));
        assertEquals("inclusion proof has 1 hashes, want 3 for leaf 2 of 5", e.getMessage());
    }

    @Test
    void treeRejectsBadArguments() {
        MerkleTree t = tree();
        assertEquals("leaf index 8 is outside [0, 8)",
                assertThrows(IllegalArgumentException.class, () -> t.inclusionProof(8, 8)).getMessage());
        assertEquals("size 9 is outside [0, 8], the tree's size",
                assertThrows(IllegalArgumentException.class, () -> t.inclusionProof(0, 9)).getMessage());
        assertEquals("size 9 is outside [0, 8], the tree's size",
                assertThrows(IllegalArgumentException.class, () -> t.root(9)).getMessage());
        assertEquals("size1 6 is outside [0, size2 5]",
                assertThrows(IllegalArgumentException.class, () -> t.consistencyProof(6, 5)).getMessage());
        assertEquals("size2 9 is outside [0, 8], the tree's size",
                assertThrows(IllegalArgumentException.class, () -> t.consistencyProof(1, 9)).getMessage());
        assertEquals("leaf index -1 is outside [0, 8)",
                assertThrows(IllegalArgumentException.class, () -> t.leafHash(-1)).getMessage());
        assertEquals("leaf hash has 3 bytes, sha256 needs 32",
                assertThrows(IllegalArgumentException.class, () -> t.append(new byte[3])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MerkleTree(H).inclusionProof(0, 0));
        assertEquals(List.of(), t.consistencyProof(0, 8));
        assertEquals(List.of(), t.consistencyProof(8, 8));
        assertEquals(8, t.size());
    }

    @Test
    void sizeIsBoundOnlyThroughTheRoot() {
        // Leaf 0 of 5 and leaf 0 of 6 have paths of the same shape, so the proof for size 5 also
        // "verifies" against root(5) when the claimed size is 6. The RFC algorithm cannot tell; what stops
        // this in practice is that a signed checkpoint binds the size to the root. Against the true root of
        // size 6 it fails, as it must.
        MerkleTree t = tree();
        List<byte[]> proof = t.inclusionProof(0, 5);
        assertTrue(MerkleProofs.verifyInclusion(H, 0, 6, t.leafHash(0), proof, t.root(5)).ok());
        assertFalse(MerkleProofs.verifyInclusion(H, 0, 6, t.leafHash(0), proof, t.root(6)).ok());
    }

    private static List<byte[]> with(List<byte[]> proof, byte[] last) {
        List<byte[]> out = new ArrayList<>(proof);
        out.add(last);
        return out;
    }

    private static List<byte[]> with(byte[] first, List<byte[]> proof) {
        List<byte[]> out = new ArrayList<>(proof);
        out.add(0, first);
        return out;
    }

    static List<byte[]> flipped(List<byte[]> proof, int element, int offset, int mask) {
        List<byte[]> out = new ArrayList<>(proof);
        byte[] copy = out.get(element).clone();
        copy[offset] ^= (byte) mask;
        out.set(element, copy);
        return out;
    }
}
