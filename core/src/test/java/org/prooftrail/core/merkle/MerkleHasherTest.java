package org.prooftrail.core.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.Test;

class MerkleHasherTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256MatchesPlainDigestWithPrefixes() throws Exception {
        MerkleHasher h = MerkleHasher.sha256();
        byte[] data = "leaf".getBytes(StandardCharsets.UTF_8);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((byte) 0);
        md.update(data);
        assertArrayEquals(md.digest(), h.hashLeaf(data));

        byte[] l = h.hashLeaf(new byte[] {1});
        byte[] r = h.hashLeaf(new byte[] {2});
        md.update((byte) 1);
        md.update(l);
        md.update(r);
        assertArrayEquals(md.digest(), h.hashChildren(l, r));

        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HEX.formatHex(h.emptyRoot()));
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                HEX.formatHex(h.hashLeaf(new byte[0])));
        assertEquals(32, h.size());
        assertEquals("sha256", h.name());
    }

    @Test
    void sm3MatchesPlainDigestWithPrefixes() {
        MerkleHasher h = MerkleHasher.sm3();
        // GB/T 32905-2016 / draft-shen-sm3-hash: SM3 of the empty message.
        assertEquals("1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b", HEX.formatHex(h.emptyRoot()));

        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(sm3((byte) 0, data), h.hashLeaf(data));
        byte[] l = h.hashLeaf(new byte[] {1});
        byte[] r = h.hashLeaf(new byte[] {2});
        byte[] lr = new byte[64];
        System.arraycopy(l, 0, lr, 0, 32);
        System.arraycopy(r, 0, lr, 32, 32);
        assertArrayEquals(sm3((byte) 1, lr), h.hashChildren(l, r));
        assertEquals(32, h.size());
        assertEquals("sm3", h.name());
    }

    @Test
    void sm3AbcKnownAnswerThroughBouncyCastle() {
        // Pins the dependency itself: the standard's "abc" example.
        SM3Digest d = new SM3Digest();
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        d.update(abc, 0, abc.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", HEX.formatHex(out));
    }

    @Test
    void lookupByName() {
        assertSame(MerkleHasher.sha256(), MerkleHasher.byName("sha256"));
        assertSame(MerkleHasher.sm3(), MerkleHasher.byName("SM3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MerkleHasher.byName("md5"));
        assertTrue(e.getMessage().contains("md5") && e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void emptyRootIsACopy() {
        MerkleHasher h = MerkleHasher.sha256();
        byte[] a = h.emptyRoot();
        a[0] ^= 1;
        assertNotSame(a, h.emptyRoot());
        assertEquals((byte) 0xe3, h.emptyRoot()[0]);
    }

    @Test
    void concurrentUseGivesSequentialResults() throws Exception {
        for (MerkleHasher h : List.of(MerkleHasher.sha256(), MerkleHasher.sm3())) {
            int n = 2000;
            byte[][] expected = new byte[n][];
            for (int i = 0; i < n; i++) {
                expected[i] = h.hashChildren(h.hashLeaf(bytes(i)), h.hashLeaf(bytes(i + 1)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (int i = 0; i < n; i++) {
                            byte[] got = h.hashChildren(h.hashLeaf(bytes(i)), h.hashLeaf(bytes(i + 1)));
                            if (!MessageDigest.isEqual(expected[i], got)) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertTrue(f.get(), h.name());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static byte[] bytes(int i) {
        return Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sm3(byte prefix, byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(prefix);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
