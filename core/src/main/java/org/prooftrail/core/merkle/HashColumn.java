package org.prooftrail.core.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An append-only sequence of equal-length hashes.
 *
 * <p>Hashes are packed into chunks rather than kept as one {@code byte[]} each: that halves the memory of a
 * large tree, and chunks (unlike a single flat array) never need copying once full.
 * Not thread-safe; {@link MerkleTree} guards it.
 */
final class HashColumn {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_HASHES = 1 << CHUNK_BITS;
    // Most columns of a small tree hold a handful of hashes; start small so they cost little.
    private static final int FIRST_CHUNK_HASHES = 8;

    private final int hashSize;
    private final List<byte[]> chunks = new ArrayList<>();
    private long count;

    HashColumn(int hashSize) {
        this.hashSize = hashSize;
    }

    long size() {
        return count;
    }

    void add(byte[] hash) {
        if (hash.length != hashSize) {
            throw new IllegalArgumentException("hash has " + hash.length + " bytes, want " + hashSize);
        }
        int chunk = (int) (count >>> CHUNK_BITS);
        int offset = (int) (count & (CHUNK_HASHES - 1)) * hashSize;
        if (chunk == chunks.size()) {
            chunks.add(new byte[(chunk == 0 ? FIRST_CHUNK_HASHES : CHUNK_HASHES) * hashSize]);
        }
        byte[] target = chunks.get(chunk);
        if (offset == target.length) {
            target = Arrays.copyOf(target, Math.min(2 * target.length, CHUNK_HASHES * hashSize));
            chunks.set(chunk, target);
        }
        System.arraycopy(hash, 0, target, offset, hashSize);
        count++;
    }

    byte[] get(long index) {
        Objects.checkIndex(index, count);
        int offset = (int) (index & (CHUNK_HASHES - 1)) * hashSize;
        return Arrays.copyOfRange(chunks.get((int) (index >>> CHUNK_BITS)), offset, offset + hashSize);
    }
}
