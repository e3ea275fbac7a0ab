package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.evidence.EvidenceRoutes;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleProofs;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.core.merkle.Verification;

/**
 * The demo pack's evidence, fetched as its page fetches it ({@code ?at=} now) while readings flow and
 * the anchorer appends and signs every second: every logged chunk's path leads to the root in the same
 * document's checkpoint note, and a chunk the log has not taken yet is pending, not placed at some index.
 * Run it with {@code -Dtest=EvidenceInclusionStressTest -Dpt.excludedGroups=none}; {@code pt.stress.seconds}
 * sets how long it fetches. EvidenceReadsTest pins the one cause it found in a few seconds.
 */
@Tag("benchmark")
class EvidenceInclusionStressTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyChunkPathLeadsToTheNoteRootWhileTheLogGrows(@TempDir Path home) throws Exception {
        long seconds = Long.getLong("pt.stress.seconds", 60);
        try (Demo demo = Demo.start(home, new Demo.Ports(0, 0, 0), Settings.of(Map.of()), true)) {
            DemoPack pack = demo.pack();
            String base = demo.httpBase() + EvidenceRoutes.path(pack.gtin(), pack.lot(), pack.serial());
            HttpClient http = HttpClient.newHttpClient();
            MerkleHasher hasher = MerkleHasher.byName("sha256");
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            int documents = 0;
            int checked = 0;
            int pending = 0;
            while (System.nanoTime() < end) {
                String url = base + "?at=" + Instant.now();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    continue;
                }
                documents++;
                JsonObject ev = new JsonObject(r.body());
                JsonObject cp = ev.getJsonObject("checkpoint");
                if (cp == null) {
                    continue;
                }
                String[] lines = cp.getString("note").split("\n");
                long size = Long.parseLong(lines[1]);
                byte[] root = Base64.getDecoder().decode(lines[2]);
                JsonObject chunks = ev.getJsonObject("chunks");
                for (String id : chunks.fieldNames()) {
                    JsonObject ch = chunks.getJsonObject(id);
                    if (ch.getBoolean("pending", false)) {
                        pending++;
                        continue;
                    }
                    long index = ch.getLong("logIndex");
                    List<byte[]> path = new ArrayList<>();
                    ch.getJsonArray("logPath").forEach(h -> path.add(HEX.parseHex((String) h)));
                    Verification v = MerkleProofs.verifyInclusion(hasher, index, size,
                            hasher.hashLeaf(HEX.parseHex(ch.getString("root"))), path, root);
                    checked++;
                    if (!v.ok()) {
                        fail(mismatch(demo, url, cp, id, ch, size, root, v, hasher));
                    }
                }
            }
            System.out.println("evidence documents " + documents + ", chunk paths checked " + checked
                    + ", pending chunks seen " + pending);
            assertTrue(checked > 0, "some chunk was logged and checked");
            assertTrue(pending > 0, "some document was fetched while a chunk of the journey waited for the log");
        }
    }

    private static String mismatch(Demo demo, String url, JsonObject cp, String id, JsonObject ch, long size, byte[] root,
                                   Verification v, MerkleHasher hasher) throws Exception {
        StringBuilder b = new StringBuilder("chunk ").append(id).append(" does not lead to the note root: ")
                .append(v).append("\nurl ").append(url).append("\ncheckpoint ").append(cp.encodePrettily())
                .append("\nchunk ").append(ch.encodePrettily());
        try (Connection c = demo.node().database().dataSource().getConnection()) {
            List<byte[]> leaves = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, log_index, root FROM chunk WHERE log_index IS NOT NULL ORDER BY log_index");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    b.append("\nlog ").append(rs.getLong(2)).append(" chunk ").append(rs.getLong(1)).append(' ')
                            .append(HEX.formatHex(rs.getBytes(3)));
                    if (leaves.size() < size) {
                        leaves.add(hasher.hashLeaf(rs.getBytes(3)));
                    }
                }
            }
            MerkleTree t = MerkleTree.of(hasher, leaves);
            b.append("\nroot of the logged chunk roots at ").append(size).append(": ").append(HEX.formatHex(t.root()))
                    .append("\nnote root: ").append(HEX.formatHex(root))
                    .append("\npath from the logged leaves: ");
            t.inclusionProof(ch.getLong("logIndex"), size).forEach(h -> b.append(HEX.formatHex(h)).append(' '));
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, tree_size, encode(root, 'hex'), held, signed_at FROM checkpoint ORDER BY tree_size");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    b.append("\ncheckpoint ").append(rs.getLong(1)).append(" size ").append(rs.getLong(2)).append(' ')
                            .append(rs.getString(3)).append(rs.getBoolean(4) ? " held " : " ").append(rs.getTimestamp(5));
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT level, idx, octet_length(hashes) FROM log_tile ORDER BY level, idx");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    b.append("\ntile ").append(rs.getInt(1)).append('/').append(rs.getLong(2)).append(' ')
                            .append(rs.getInt(3) / 32).append(" hashes");
                }
            }
        }
        return b.toString();
    }
}
