package org.prooftrail.core.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tiles written from a compact range's completed subtrees answer roots and proofs exactly as the
 * in-memory tree does, at tile edges and across tile levels; tile paths read and write as the spec shows.
 */
class TiledSubtreesTest {
    private static final MerkleHasher H = MerkleHasher.sha256();

    /** Tiles as a store keeps them: hashes of every eighth level, appended as their subtrees complete. */
    private static Map<String, ByteArrayOutputStream> tilesOf(CompactRange range, MerkleTree tree, int leaves) {
        Map<String, ByteArrayOutputStream> tiles = new HashMap<>();
        for (int i = 0; i < leaves; i++) {
            byte[] leaf = H.hashLeaf(ByteBuffer.allocate(8).putLong(i).array());
            tree.append(leaf);
            range.append(leaf, (level, index, hash) -> {
                if (level % 8 == 0) {
                    tiles.computeIfAbsent(level / 8 + "/" + index / 256, k -> new ByteArrayOutputStream()).writeBytes(hash);
                }
            });
        }
        return tiles;
    }

    @Test
    void proofsFromTilesMatchTheTreeAcrossTileEdges() {
        int leaves = 256 * 256 + 3 * 256 + 17;
        MerkleTree tree = new MerkleTree(H);
        CompactRange range = new CompactRange(H);
        Map<String, ByteArrayOutputStream> tiles = tilesOf(range, tree, leaves);
        TiledSubtrees nodes = new TiledSubtrees(H, (l, n) -> {
            ByteArrayOutputStream t = tiles.get(l + "/" + n);
            return t == null ? null : t.toByteArray();
        });
        assertArrayEquals(tree.root(), range.root());
        for (long size : new long[] {1, 2, 255, 256, 257, 511, 512, 65535, 65536, 65537, leaves}) {
            assertArrayEquals(tree.root(size), SubtreeProofs.root(H, nodes, size), "root at " + size);
            assertArrayEquals(tree.root(size), CompactRange.of(H, size, nodes).root(), "compact range at " + size);
            for (long index : new long[] {0, size / 2, size - 1}) {
                assertEquals(hex(tree.inclusionProof(index, size)), hex(SubtreeProofs.inclusionProof(H, nodes, index, size)));
            }
            for (long first : new long[] {1, size / 3, size - 1}) {
                if (first >= 1) {
                    assertEquals(hex(tree.consistencyProof(first, size)),
                            hex(SubtreeProofs.consistencyProof(H, nodes, first, size)));
                }
            }
        }
        assertThrows(IllegalStateException.class, () -> SubtreeProofs.root(H, nodes, leaves + 256L));
    }

    @Test
    void tilePathsFollowTheSpec() {
        assertEquals(new TilePath(0, 1234067, 256), TilePath.parse("0/x001/x234/067"));
        assertEquals("0/x001/x234/067", new TilePath(0, 1234067, 256).format());
        assertEquals(new TilePath(TilePath.ENTRIES, 5, 17), TilePath.parse("entries/005.p/17"));
        assertEquals("entries/005.p/17", TilePath.parse("entries/005.p/17").format());
        assertEquals("63/x001/000", TilePath.parse("63/x001/000").format());
        for (String bad : List.of("64/000", "01/000", "0/5", "0/x000/005", "0/001/002", "0/000.p/0", "0/000.p/256",
                "0/000.p/007", "0/../000", "0/x009/x223/x372/x036/x854/x775/808", "a/000", "0/000/", "")) {
            assertThrows(IllegalArgumentException.class, () -> TilePath.parse(bad), bad);
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(java.util.HexFormat.of()::formatHex).toList();
    }
}
