package org.prooftrail.core.merkle;

/**
 * Complete-subtree hashes read from tiles. A tile keeps only every eighth tree level; a subtree between
 * them is rehashed from at most 128 hashes of one tile, as tlog-tiles intends, so a proof of any leaf
 * of any log size reads one or two tiles per tile level.
 */
public final class TiledSubtrees implements SubtreeHashes {
    /** Hashes per full tile, and the tree levels one tile spans ({@code 2^8 = 256}). */
    public static final int WIDTH = 256;
    public static final int HEIGHT = 8;

    private final MerkleHasher hasher;
    private final TileSource tiles;

    public TiledSubtrees(MerkleHasher hasher, TileSource tiles) {
        this.hasher = hasher;
        this.tiles = tiles;
    }

    @Override
    public byte[] node(int level, long index) {
        int tileLevel = level / HEIGHT;
        int below = level % HEIGHT;
        long first = index << below;
        long tileIndex = first / WIDTH;
        int offset = (int) (first % WIDTH);
        int count = 1 << below;
        byte[] tile = tiles.tile(tileLevel, tileIndex);
        int hs = hasher.size();
        if (tile == null || tile.length < (offset + count) * hs) {
            throw new IllegalStateException("tile " + tileLevel + "/" + tileIndex + " does not hold the subtree at level "
                    + level + ", index " + index + " (" + (tile == null ? "no tile" : tile.length / hs + " hashes") + ")");
        }
        byte[][] row = new byte[count][];
        for (int i = 0; i < count; i++) {
            row[i] = java.util.Arrays.copyOfRange(tile, (offset + i) * hs, (offset + i + 1) * hs);
        }
        for (int n = count; n > 1; n /= 2) {
            for (int i = 0; i < n / 2; i++) {
                row[i] = hasher.hashChildren(row[2 * i], row[2 * i + 1]);
            }
        }
        return row[0];
    }
}
