package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * Proof bundle size and offline verification time against the size of the global log. For each log
 * size a real bundle is built (a signed envelope in a chunk of 100, its chunk root among
 * {@code n} logged roots, a checkpoint signed with an Ed25519 log key), serialised as the API serves
 * it, and verified with {@link BundleVerifier} (median of 200). Tag "benchmark": run with
 * {@code ./mvnw -pl chain-anchor -am verify -Dtest=ProofGrowthBenchmark -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class ProofGrowthBenchmark {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CHUNK = 100;

    @Test
    void bundleSizeAndVerificationTimeAgainstLogSize() throws Exception {
        MerkleHasher hasher = MerkleHasher.byName("sha256");
        SigningKey device = SigningKey.generate(SignatureAlgorithm.EdDSA);
        SigningKey logSigner = SigningKey.generate(SignatureAlgorithm.EdDSA);
        LogKey logKey = new LogKey("bench.prooftrail.test/log", logSigner.verifyingKey());
        byte[] jws = new JwsSigner("dev-k1", device).sign(("{\"dev\":\"dev\",\"seq\":1,\"ts\":\"2026-11-25T08:00:00Z\","
                + "\"readings\":[{\"t\":\"2026-11-25T08:00:00Z\",\"temp\":5.1,\"hum\":55.0}]}").getBytes(StandardCharsets.UTF_8));
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> chunkLeaves = new ArrayList<>();
        for (int i = 0; i < CHUNK; i++) {
            chunkLeaves.add(i == 42 ? hasher.hashLeaf(jws) : randomHash(random));
        }
        MerkleTree chunk = MerkleTree.of(hasher, chunkLeaves);
        ObjectMapper json = new ObjectMapper();
        System.out.println("| chunk roots in log | envelopes (x100) | log path hashes | bundle bytes (JSON) | verify median µs |");
        System.out.println("|---|---|---|---|---|");
        for (long n : new long[] {1_000, 10_000, 100_000, 1_000_000}) {
            long index = n / 3;
            MerkleTree log = new MerkleTree(hasher);
            for (long i = 0; i < n; i++) {
                log.append(i == index ? hasher.hashLeaf(chunk.root()) : randomHash(random));
            }
            String note = SignedNote.sign(new Checkpoint(logKey.name(), n, log.root(n)).body(), logKey, logSigner);
            ProofBundle bundle = new ProofBundle(1, "sha256",
                    new ProofBundle.Envelope("dev", 1, new String(jws, StandardCharsets.US_ASCII), "dev-k1", "EdDSA",
                            PublicKeys.toPem(device.verifyingKey())),
                    new ProofBundle.Chunk(1, CHUNK, 42, hex(chunk.inclusionProof(42, CHUNK)), HEX.formatHex(chunk.root())),
                    new ProofBundle.LogPath(index, n, hex(log.inclusionProof(index, n))),
                    new ProofBundle.Anchor(note, "local", null));
            int bytes = json.writeValueAsBytes(bundle).length;
            BundleVerifier verifier = BundleVerifier.offline(logKey);
            List<BundleVerifier.Step> steps = verifier.verify(bundle);
            for (BundleVerifier.Step s : steps.subList(0, 4)) {
                if (!s.passed()) {
                    throw new AssertionError("bundle step failed: " + s);
                }
            }
            for (int w = 0; w < 500; w++) {
                verifier.verify(bundle); // warm-up: the first row would otherwise time the JIT
            }
            double[] micros = new double[200];
            for (int r = 0; r < micros.length; r++) {
                long t0 = System.nanoTime();
                verifier.verify(bundle);
                micros[r] = (System.nanoTime() - t0) / 1000.0;
            }
            Arrays.sort(micros);
            System.out.printf("| %,d | %,d | %d | %,d | %.0f |%n", n, n * CHUNK, bundle.log().inclusionPath().size(),
                    bytes, micros[micros.length / 2]);
        }
    }

    private static byte[] randomHash(SplittableRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
