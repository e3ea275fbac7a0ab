package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.CoveringCheckpoint;
import org.prooftrail.store.log.LogProofs;
import org.prooftrail.store.log.ProofReads;
import org.prooftrail.store.envelopes.DisclosureRows;
import org.prooftrail.store.registry.DisclosurePolicies;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds proof bundles from the database: the envelope, its chunk's stored leaf hashes (for the
 * audit path), a few of the log's tiles (for the inclusion path) and the first checkpoint that covers
 * the chunk. Empty when the envelope is unknown or not yet covered by a checkpoint.
 */
public final class ProofBundles {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProofBundles() {
    }

    /** With a tile cache of its own: for one-off use (a command); servers share one {@link LogProofs} per hash. */
    public static Optional<ProofBundle> forEnvelope(Connection c, String device, long seq) throws SQLException {
        return forEnvelope(c, device, seq, null);
    }

    /** @param logs the log's proofs by hash, or null for a cache of its own */
    public static Optional<ProofBundle> forEnvelope(Connection c, String device, long seq,
                                                    java.util.function.Function<MerkleHasher, LogProofs> logs) throws SQLException {
        return forEnvelope(c, device, seq, logs, Map.of());
    }

    /**
     * @param displayNames the configured witnesses' display names by key name, for the bundle's cosigners;
     *                     an SD-JWT envelope carries the disclosures its owner's policy publishes
     */
    public static Optional<ProofBundle> forEnvelope(Connection c, String device, long seq,
                                                    java.util.function.Function<MerkleHasher, LogProofs> logs,
                                                    Map<String, String> displayNames) throws SQLException {
        return forEnvelope(c, device, seq, logs, displayNames, BundleDisclosures.PUBLIC_BY_POLICY);
    }

    /** @param disclosures which stored disclosures an SD-JWT envelope's bundle carries: the caller's to see */
    public static Optional<ProofBundle> forEnvelope(Connection c, String device, long seq,
                                                    java.util.function.Function<MerkleHasher, LogProofs> logs,
                                                    Map<String, String> displayNames, BundleDisclosures disclosures)
            throws SQLException {
        Optional<ProofReads.LoggedEnvelope> found = ProofReads.loggedEnvelope(c, device, seq);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ProofReads.LoggedEnvelope row = found.get();
        MerkleHasher hasher = MerkleHasher.byName(row.hashAlg());
        int size = row.chunkSize();
        int leafIndex = row.leafIndex();
        byte[] packed = row.leafHashes();
        List<byte[]> leaves = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            leaves.add(Arrays.copyOfRange(packed, i * hasher.size(), (i + 1) * hasher.size()));
        }
        MerkleTree chunkTree = MerkleTree.of(hasher, leaves);
        long logIndex = row.logIndex();
        String jws = new String(row.jws(), StandardCharsets.US_ASCII);
        ProofBundle.Envelope envelope = new ProofBundle.Envelope(device, seq, jws, row.kid(), row.alg(), row.publicKeyPem(),
                disclosures(c, device, row.id(), jws, disclosures));
        ProofBundle.Chunk chunk = new ProofBundle.Chunk(row.chunkId(), size, leafIndex,
                hex(chunkTree.inclusionProof(leafIndex, size)), HEX.formatHex(row.chunkRoot()));
        Optional<CoveringCheckpoint> covering = CheckpointRows.covering(c, logIndex);
        if (covering.isEmpty()) {
            return Optional.empty();
        }
        CoveringCheckpoint cp = covering.get();
        // tiles are written in the checkpoint's transaction, so every checkpoint's tree is in them
        LogProofs log = logs == null ? new LogProofs(hasher) : logs.apply(hasher);
        ProofBundle.LogPath path = new ProofBundle.LogPath(logIndex, cp.treeSize(),
                hex(log.inclusionProof(c, logIndex, cp.treeSize())));
        return Optional.of(new ProofBundle(1, hasher.name(), envelope, chunk, path,
                ProofBundle.Anchor.of(cp.note(), cp.ledger(), receipt(cp.receiptJson()), displayNames)));
    }

    /** Null for a plain JWS: no disclosures stored and no {@code _sd_alg} in its payload. */
    private static List<String> disclosures(Connection c, String device, long envelopeId, String jws,
                                            BundleDisclosures which) throws SQLException {
        List<String> stored = DisclosureRows.of(c, envelopeId);
        ObjectNode payload = DisclosureCheck.payload(jws);
        if (stored.isEmpty() && (payload == null || !payload.has("_sd_alg"))) {
            return null;
        }
        if (payload == null) {
            return which == BundleDisclosures.ALL ? stored : List.of();
        }
        EpcisDisclosurePolicy policy = which == BundleDisclosures.ALL || stored.isEmpty()
                ? EpcisDisclosurePolicy.defaults() : DisclosurePolicies.ofDeviceOwner(c, device);
        return which.shown(payload, stored, policy);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> receipt(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("stored receipt is not JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
