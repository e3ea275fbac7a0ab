package org.prooftrail.api.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.TestAnchor;

/**
 * The C2SP tlog-tiles API over real HTTP, checked with code of its own (plain SHA-256 and the RFC 9162
 * definition of MTH, none of the project's Merkle classes): the tiles recompute to the signed
 * checkpoint's root, level-1 hashes are the roots of full level-0 tiles, entry bundles hash to the
 * level-0 tiles, and what lies beyond the tree or is malformed is refused.
 */
class TileApiTest {
    private static final TestAnchor ANCHOR = new TestAnchor();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static ApiHarness api;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        api = ApiHarness.start(vertx, Map.of());
        // two appends (300, then 500 more chunk roots): three full level-0 tiles, a partial one of 32
        addChunks(0, 300);
        ANCHOR.checkpoint(api.db());
        addChunks(300, 500);
        assertEquals(800, ANCHOR.checkpoint(api.db()));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static void addChunks(int from, int count) throws Exception {
        try (Connection c = api.db().connection();
             PreparedStatement st = c.prepareStatement("INSERT INTO chunk (hash_alg, size, root, leaf_hashes) VALUES ('sha256', 1, ?, ?)")) {
            for (int i = from; i < from + count; i++) {
                byte[] root = sha256(ByteBuffer.allocate(4).putInt(i).array());
                st.setBytes(1, root);
                st.setBytes(2, root);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.base() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] ok(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElse(""));
        boolean partial = path.contains(".p/");
        assertEquals(partial ? "public, max-age=2" : "public, max-age=31536000, immutable",
                r.headers().firstValue("cache-control").orElse(""), path);
        return r.body();
    }

    @Test
    void tilesRecomputeToTheSignedCheckpointsRoot() throws Exception {
        HttpResponse<byte[]> cp = get("/log/checkpoint");
        assertEquals(200, cp.statusCode());
        assertTrue(cp.headers().firstValue("content-type").orElse("").startsWith("text/plain; charset=utf-8"));
        assertEquals("public, max-age=2", cp.headers().firstValue("cache-control").orElse(""));
        String[] lines = new String(cp.body(), StandardCharsets.UTF_8).split("\n");
        assertEquals(TestAnchor.ORIGIN, lines[0]);
        long size = Long.parseLong(lines[1]);
        byte[] signedRoot = Base64.getDecoder().decode(lines[2]);
        assertEquals(800, size);

        List<byte[]> leaves = new ArrayList<>();
        for (long n = 0; n < size / 256; n++) {
            leaves.addAll(split(ok("/log/tile/0/" + String.format("%03d", n))));
        }
        leaves.addAll(split(ok("/log/tile/0/" + String.format("%03d", size / 256) + ".p/" + size % 256)));
        assertEquals(size, leaves.size());
        assertArrayEquals(signedRoot, mth(leaves), "RFC 9162 root of the level-0 tiles is the checkpoint's root");

        List<byte[]> level1 = split(ok("/log/tile/1/000.p/3"));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(mth(leaves.subList(i * 256, (i + 1) * 256)), level1.get(i), "level 1 hash " + i);
        }

        for (long n = 0; n <= size / 256; n++) {
            String tail = n < size / 256 ? "" : ".p/" + size % 256;
            byte[] bundle = ok("/log/tile/entries/" + String.format("%03d", n) + tail);
            ByteBuffer in = ByteBuffer.wrap(bundle);
            int i = 0;
            while (in.hasRemaining()) {
                byte[] entry = new byte[in.getShort() & 0xffff];
                in.get(entry);
                byte[] leaf = sha256(concat(new byte[] {0}, entry));
                assertArrayEquals(leaves.get((int) (n * 256 + i)), leaf, "entry " + (n * 256 + i) + " hashes to its leaf");
                i++;
            }
            assertEquals(n < size / 256 ? 256 : size % 256, i);
        }
    }

    @Test
    void tilesBeyondTheTreeAre404AndMalformedPaths400() throws Exception {
        for (String beyond : List.of("/log/tile/0/003", "/log/tile/0/004", "/log/tile/0/003.p/33", "/log/tile/1/000",
                "/log/tile/1/000.p/4", "/log/tile/2/000.p/1", "/log/tile/entries/003", "/log/tile/entries/004.p/1",
                "/log/tile/0/x001/000")) {
            HttpResponse<byte[]> r = get(beyond);
            assertEquals(404, r.statusCode(), beyond);
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"), beyond);
        }
        for (String hostile : List.of("/log/tile/0/1", "/log/tile/0/x000/001", "/log/tile/64/000", "/log/tile/00/000",
                "/log/tile/0/000.p/256", "/log/tile/0/000.p/0", "/log/tile/0/%2e%2e/000", "/log/tile/entries/000.p/",
                "/log/tile/0/x9999/000", "/log/tile/0/x009/x223/x372/x036/x854/x775/808", "/log/tile/")) {
            HttpResponse<byte[]> r = get(hostile);
            assertEquals(400, r.statusCode(), hostile + ": " + new String(r.body(), StandardCharsets.UTF_8));
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"), hostile);
        }
    }

    /** MTH per RFC 9162 §2.1.1, written out from the definition. */
    private static byte[] mth(List<byte[]> leafHashes) {
        if (leafHashes.size() == 1) {
            return leafHashes.get(0);
        }
        int k = Integer.highestOneBit(leafHashes.size() - 1);
        return sha256(concat(new byte[] {1}, concat(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, leafHashes.size())))));
    }

    private static List<byte[]> split(byte[] tile) {
        assertEquals(0, tile.length % 32);
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < tile.length; i += 32) {
            hashes.add(Arrays.copyOfRange(tile, i, i + 32));
        }
        return hashes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
