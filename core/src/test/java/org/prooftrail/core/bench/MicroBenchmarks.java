package org.prooftrail.core.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.prooftrail.core.crypto.Ed25519BatchVerifier;
import org.prooftrail.core.crypto.Ed25519BatchVerifier.SignedMessage;
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
 * rules) per algorithm, 64 envelopes one by one and together, Ed25519 signatures one by one and as a batch, building a chunk's Merkle tree,
 * and making inclusion and consistency proofs.
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

    /**
     * A readings envelope for the checks around the signature alone (JWS parsing and the payload
     * rules, as {@link EnvelopeVerifier#reread} runs them): what ingest spends on an envelope besides
     * the signature. Five or ten readings of time, temperature and humidity as the simulator sends
     * them, or ten that also carry a position and two other metrics in {@code x}.
     */
    @State(Scope.Benchmark)
    public static class ReadingsPayload {
        @Param({"5", "10", "10+gps+x"})
        public String readings;
        EnvelopeVerifier verifier;
        byte[] jws;

        @Setup(Level.Trial)
        public void sign() {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
            DeviceKey deviceKey = new DeviceKey("bench-k1", "bench", key.verifyingKey(), false);
            verifier = new EnvelopeVerifier(kid -> Optional.of(deviceKey));
            boolean full = readings.contains("+");
            int count = Integer.parseInt(readings.split("\\+")[0]);
            StringBuilder payload = new StringBuilder("{\"dev\":\"bench\",\"seq\":1,\"ts\":\"2026-11-25T08:00:10Z\",\"readings\":[");
            for (int i = 0; i < count; i++) {
                payload.append(i == 0 ? "" : ",").append("{\"t\":\"2026-11-25T08:00:0").append(i)
                        .append("Z\",\"temp\":5.").append(i).append(",\"hum\":55.0");
                if (full) {
                    payload.append(",\"lat\":31.23").append(i).append(",\"lon\":121.47").append(i)
                            .append(",\"x\":{\"door\":\"closed\",\"shock_g\":0.").append(i).append('}');
                }
                payload.append('}');
            }
            jws = new JwsSigner("bench-k1", key).sign(payload.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            if (!(verifier.reread(jws, "bench") instanceof org.prooftrail.core.envelope.VerifiedEnvelope)) {
                throw new IllegalStateException("the benchmark's readings are refused: " + verifier.reread(jws, "bench"));
            }
        }
    }

    /**
     * One packing event (an AggregationEvent ADD of 12 packs into a case), EdDSA, as a plain JWS or as
     * an SD-JWT under the default policy (14 disclosures: 12 codes, the case, the eventID): what
     * selective disclosure adds to ingest's check of an event (parsing and hashing the disclosures,
     * putting them in place).
     */
    @State(Scope.Benchmark)
    public static class EventEnvelope {
        @Param({"jws", "sd-jwt"})
        public String form;
        EnvelopeVerifier verifier;
        byte[] raw;

        @Setup(Level.Trial)
        public void sign() throws Exception {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
            DeviceKey deviceKey = new DeviceKey("bench-k1", "bench", key.verifyingKey(), false);
            verifier = new EnvelopeVerifier(kid -> Optional.of(deviceKey));
            StringBuilder event = new StringBuilder("{\"type\":\"AggregationEvent\",\"eventTime\":\"2026-11-25T08:00:00Z\","
                    + "\"eventTimeZoneOffset\":\"+00:00\",\"eventID\":\"urn:uuid:6f1c2a4e-0b1d-4c59-9d7e-2b1f0e5a9c31\","
                    + "\"action\":\"ADD\",\"bizStep\":\"packing\",\"parentID\":\"urn:epc:id:sscc:0614141.1234567890\","
                    + "\"readPoint\":{\"id\":\"urn:epc:id:sgln:0614141.00777.0\"},\"childEPCs\":[");
            for (int i = 0; i < 12; i++) {
                event.append(i == 0 ? "" : ",").append("\"https://id.gs1.org/01/09521234543213/21/SERIAL").append(i).append('"');
            }
            com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.append("]}").toString());
            JwsSigner signer = new JwsSigner("bench-k1", key);
            if (form.equals("jws")) {
                raw = signer.sign(("{\"dev\":\"bench\",\"seq\":1,\"ts\":\"2026-11-25T08:00:00Z\",\"event\":" + json + "}")
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                raw = new org.prooftrail.core.sdjwt.SdEventEnvelope(new org.prooftrail.core.sdjwt.SdJwtIssuer(signer),
                        org.prooftrail.core.sdjwt.EpcisDisclosurePolicy.defaults()).issue("bench", 1, "2026-11-25T08:00:00Z", json)
                        .serialize().getBytes(StandardCharsets.US_ASCII);
            }
            if (!(verifier.verify(raw) instanceof org.prooftrail.core.envelope.VerifiedEnvelope)) {
                throw new IllegalStateException("the benchmark's event is refused: " + verifier.verify(raw));
            }
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

    /**
     * {@code size} Ed25519 signatures over 700-byte messages from {@code keys} keys, as from that many
     * devices (64 and 64: a batch as ingest takes it, the next message of 64 devices).
     */
    @State(Scope.Benchmark)
    public static class Ed25519Signatures {
        @Param({"16", "64", "256"})
        public int size;
        @Param({"5"})
        public int keys;
        final Ed25519BatchVerifier batchVerifier = new Ed25519BatchVerifier();
        final List<SignedMessage> signatures = new ArrayList<>();

        @Setup(Level.Trial)
        public void sign() {
            Random random = new Random(size);
            Ed25519PrivateKeyParameters[] signers = new Ed25519PrivateKeyParameters[keys];
            for (int k = 0; k < signers.length; k++) {
                byte[] seed = new byte[32];
                random.nextBytes(seed);
                signers[k] = new Ed25519PrivateKeyParameters(seed);
            }
            for (int i = 0; i < size; i++) {
                Ed25519PrivateKeyParameters key = signers[i % signers.length];
                byte[] message = new byte[700];
                random.nextBytes(message);
                byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
                key.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
                signatures.add(new SignedMessage(key.generatePublicKey(), message, signature));
            }
        }
    }

    /**
     * 64 readings envelopes of five readings (about 700 bytes), EdDSA, from 16 devices with a key each:
     * what one verification thread takes at once from 64 devices with a message ready, save that a
     * device here sends four.
     */
    @State(Scope.Benchmark)
    public static class EnvelopeBatch {
        EnvelopeVerifier verifier;
        final List<byte[]> envelopes = new ArrayList<>();

        @Setup(Level.Trial)
        public void sign() {
            java.util.Map<String, DeviceKey> keys = new java.util.HashMap<>();
            List<JwsSigner> signers = new ArrayList<>();
            for (int d = 0; d < 16; d++) {
                SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
                keys.put("bench-k" + d, new DeviceKey("bench-k" + d, "bench-" + d, key.verifyingKey(), false));
                signers.add(new JwsSigner("bench-k" + d, key));
            }
            verifier = new EnvelopeVerifier(kid -> Optional.ofNullable(keys.get(kid)));
            for (int i = 0; i < 64; i++) {
                StringBuilder payload = new StringBuilder("{\"dev\":\"bench-" + i % 16 + "\",\"seq\":" + (1 + i / 16)
                        + ",\"ts\":\"2026-11-25T08:00:00Z\",\"readings\":[");
                for (int r = 0; r < 5; r++) {
                    payload.append(r == 0 ? "" : ",").append("{\"t\":\"2026-11-25T08:00:0").append(r)
                            .append("Z\",\"temp\":5.").append(r).append(",\"hum\":55.0}");
                }
                envelopes.add(signers.get(i % 16).sign(payload.append("]}").toString().getBytes(StandardCharsets.UTF_8)));
            }
            for (VerificationResult result : verifier.verifyAll(envelopes)) {
                if (!(result instanceof org.prooftrail.core.envelope.VerifiedEnvelope)) {
                    throw new IllegalStateException("the benchmark's envelopes are refused: " + result);
                }
            }
        }
    }

    /** Per 64 envelopes, each checked with {@link EnvelopeVerifier#verify}; divide by 64 for one. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int verifyEnvelopesOneByOne(EnvelopeBatch b) {
        int hash = 0;
        for (byte[] raw : b.envelopes) {
            hash += b.verifier.verify(raw).hashCode();
        }
        return hash;
    }

    /** Per 64 envelopes checked with one {@link EnvelopeVerifier#verifyAll}. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<VerificationResult> verifyEnvelopesAll(EnvelopeBatch b) {
        return b.verifier.verifyAll(b.envelopes);
    }

    /** Per set of {@code size} signatures, one BouncyCastle check each; divide by it for the cost per signature. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int ed25519SingleChecks(Ed25519Signatures e) {
        int valid = 0;
        for (SignedMessage s : e.signatures) {
            Ed25519PublicKeyParameters key = s.publicKey();
            valid += key.verify(Ed25519.Algorithm.Ed25519, null, s.message(), 0, s.message().length,
                    s.signature(), 0) ? 1 : 0;
        }
        return valid;
    }

    /** Per set of {@code size} signatures checked as one batch. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean[] ed25519Batch(Ed25519Signatures e) {
        return e.batchVerifier.verify(e.signatures);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public VerificationResult verifyEnvelope(Envelope e) {
        return e.verifier.verify(e.jws);
    }

    /** Time per envelope, without the key lookup and the signature: what parsing and the payload rules cost. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public VerificationResult verifyEnvelopePayload(ReadingsPayload r) {
        return r.verifier.reread(r.jws, "bench");
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public VerificationResult verifyEventEnvelope(EventEnvelope e) {
        return e.verifier.verify(e.raw);
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
