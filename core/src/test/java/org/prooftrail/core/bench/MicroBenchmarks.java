package org.prooftrail.core.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;

/**
 * JMH micro-benchmarks of the costly pure steps: checking one envelope (JWS signature and payload
 * rules) per algorithm, building a chunk's Merkle tree, and making inclusion and consistency proofs.
 * Run by {@link MicroBenchmarksRun}.
 */
public class MicroBenchmarks {

    /** One signed envelope of five readings (about 700 bytes), as a device sends it. */
    @State(Scope.Benchmark)
    public static class Envelope {
        @Param({"EdDSA", "ES256", "SM2SM3"})
        public String alg;
        EnvelopeVerifier verifier;
        byte[] jws;

        @Setup(Level.Trial)
        public void sign() {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.fromJwsName(alg).orElseThrow());
            DeviceKey deviceKey = new DeviceKey("bench-k1", "bench", key.verifyingKey(), false);
            verifier = new EnvelopeVerifier(kid -> Optional.of(deviceKey));
            StringBuilder payload = new StringBuilder("{\"dev\":\"bench\",\"seq\":1,\"ts\":\"2026-11-25T08:00:00Z\",\"readings\":[");
            for (int i = 0; i < 5; i++) {
                payload.append(i == 0 ? "" : ",").append("{\"t\":\"2026-11-25T08:00:0").append(i)
                        .append("Z\",\"temp\":5.").append(i).append(",\"hum\":55.0}");
            }
            jws = new JwsSigner("bench-k1", key).sign(payload.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A chunk-sized set of leaf hashes, and a log-sized tree for proofs. */
    @State(Scope.Benchmark)
    public static class Leaves {
        @Param({"sha256", "sm3"})
        public String hash;
        @Param({"1000"})
        public int chunk;
        MerkleHasher hasher;
        List<byte[]> leafHashes;
        MerkleTree log;
        long logSize;

        @Setup(Level.Trial)
        public void build() {
            hasher = MerkleHasher.byName(hash);
            leafHashes = new ArrayList<>(chunk);
            for (int i = 0; i < chunk; i++) {
                leafHashes.add(hasher.hashLeaf(("envelope " + i).getBytes(StandardCharsets.UTF_8)));
            }
            logSize = 100_000;
            List<byte[]> roots = new ArrayList<>();
            for (int i = 0; i < logSize; i++) {
                roots.add(hasher.hashLeaf(("chunk root " + i).getBytes(StandardCharsets.UTF_8)));
            }
            log = MerkleTree.of(hasher, roots);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public VerificationResult verifyEnvelope(Envelope e) {
        return e.verifier.verify(e.jws);
    }

    /** Per chunk of {@code chunk} leaves; divide by it for the cost per leaf. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] buildChunkTree(Leaves l) {
        return MerkleTree.of(l.hasher, l.leafHashes).root();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<byte[]> inclusionProofInLog(Leaves l) {
        return l.log.inclusionProof(l.logSize / 3, l.logSize);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<byte[]> consistencyProofInLog(Leaves l) {
        return l.log.consistencyProof(l.logSize / 3, l.logSize);
    }
}
