package org.prooftrail.anchor.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/** The witness's add-checkpoint answers over real HTTP, each status the spec names, and its memory across restarts. */
class WitnessServerTest {
    private static final String ORIGIN = "witness.test/log";
    private final HttpClient http = HttpClient.newHttpClient();
    private final SigningKey logSigner = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final LogKey log = new LogKey(ORIGIN, logSigner.verifyingKey());
    private final SigningKey witnessSigner = SigningKey.generate(SignatureAlgorithm.EdDSA);
    private final CosignerKey witnessId = new CosignerKey("witness.test/w1", witnessSigner.verifyingKey());
    private final MerkleTree tree = new MerkleTree(MerkleHasher.sha256());
    private Vertx vertx;
    private int port;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersAsTheSpecSaysAndRemembersAcrossARestart() throws Exception {
        start();
        grow(5);
        String cp5 = checkpoint(5);
        HttpResponse<String> r = post(new AddCheckpoint(3, List.of(), cp5).body());
        assertEquals(409, r.statusCode(), "a new witness knows size 0");
        assertEquals("0\n", r.body());
        assertEquals("text/x.tlog.size", r.headers().firstValue("content-type").orElseThrow());

        r = post(new AddCheckpoint(0, List.of(), cp5).body());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(Cosignature.verify(r.body(), witnessId, SignedNote.text(cp5)).isPresent(), "a valid cosignature/v1 line");

        grow(4);
        String cp9 = checkpoint(9);
        r = post(new AddCheckpoint(5, List.of(tree.consistencyProof(5, 9).get(0)), cp9).body());
        assertEquals(422, r.statusCode(), "a short proof: " + r.body());
        List<byte[]> bad = new java.util.ArrayList<>(tree.consistencyProof(5, 9));
        bad.set(0, MerkleHasher.sha256().hashLeaf(new byte[] {9}));
        assertEquals(422, post(new AddCheckpoint(5, bad, cp9).body()).statusCode(), "a wrong hash in the proof");

        SigningKey stranger = SigningKey.generate(SignatureAlgorithm.EdDSA);
        String forged = SignedNote.sign(new Checkpoint(ORIGIN, 9, tree.root(9)).body(), new LogKey(ORIGIN, stranger.verifyingKey()), stranger);
        assertEquals(403, post(new AddCheckpoint(5, tree.consistencyProof(5, 9), forged).body()).statusCode(), "not the log's key");
        String otherLog = SignedNote.sign(new Checkpoint("other.test/log", 9, tree.root(9)).body(),
                new LogKey("other.test/log", logSigner.verifyingKey()), logSigner);
        assertEquals(404, post(new AddCheckpoint(5, tree.consistencyProof(5, 9), otherLog).body()).statusCode(), "unknown origin");
        assertEquals(400, post("old 05\n\n" + cp9).statusCode(), "a leading zero");
        assertEquals(400, post("old 10\n\n" + cp9).statusCode(), "old larger than the checkpoint");
        assertEquals(400, post(cp9).statusCode(), "no old line");

        vertx.close().await(10, TimeUnit.SECONDS);
        start();
        r = post(new AddCheckpoint(0, List.of(), cp9).body());
        assertEquals(409, r.statusCode(), "after a restart it still knows size 5");
        assertEquals("5\n", r.body());
        r = post(new AddCheckpoint(5, tree.consistencyProof(5, 9), cp9).body());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(200, post(new AddCheckpoint(9, List.of(), cp9).body()).statusCode(), "the same checkpoint again");

        String fork = SignedNote.sign(new Checkpoint(ORIGIN, 9, MerkleHasher.sha256().hashLeaf(new byte[] {1})).body(), log, logSigner);
        assertEquals(422, post(new AddCheckpoint(9, List.of(), fork).body()).statusCode(), "another root at the same size");
    }

    private void start() throws Exception {
        vertx = Vertx.vertx();
        Witness witness = new Witness(witnessId, witnessSigner, Map.of(ORIGIN, log), StateFile.open(dir.resolve("state.json")),
                Clock.systemUTC());
        WitnessServer server = new WitnessServer(witness, "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of());
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    private void grow(int leaves) {
        for (int i = 0; i < leaves; i++) {
            tree.appendData(new byte[] {(byte) tree.size()});
        }
    }

    private String checkpoint(long size) {
        return SignedNote.sign(new Checkpoint(ORIGIN, size, tree.root(size)).body(), log, logSigner);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
