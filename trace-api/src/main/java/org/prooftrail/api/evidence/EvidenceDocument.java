package org.prooftrail.api.evidence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.provenance.Provenance;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.core.envelope.Jws;
import org.prooftrail.core.envelope.MalformedJwsException;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleTree;
import org.prooftrail.store.envelopes.DisclosureRows;
import org.prooftrail.store.journey.CustodyWindow;
import org.prooftrail.store.journey.TimelineEvent;
import org.prooftrail.store.log.CoveringCheckpoint;
import org.prooftrail.store.log.EvidenceReads;
import org.prooftrail.store.log.LogProofs;

/**
 * The evidence behind one consumer page (docs/proofs.md, "Evidence documents"): the signed envelopes
 * of every event on the journey and every reading envelope of every custody window, the device keys,
 * the registry facts the page's recheck uses (device organisation and placement: registry data, not
 * signed), and each envelope's inclusion in one signed checkpoint. Inclusion is compact: per chunk its
 * root, log index and log path once; per envelope only its path inside the chunk, or, when that is
 * smaller, the chunk's whole leaf list once. Envelopes whose chunk the checkpoint does not cover yet
 * are included and marked pending. The checkpoint's note carries the witnesses' cosignature lines, and
 * the document names the witnesses this server trusts and the quorum it requires. An SD-JWT event's
 * envelope carries its issuer-signed JWT (what the log committed to) and only the disclosures whoever
 * holds the code may see ({@link HolderDisclosures}); its other digests stay withheld.
 */
public final class EvidenceDocument {
    public static final int VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private EvidenceDocument() {
    }

    /**
     * @param codes      the code's spellings: {@code item} (empty for a lot) and {@code lot}
     * @param at         envelopes received after this are left out (they came after the page)
     * @param treeSize   the checkpoint to prove against, or null for the newest
     * @param logs       the log trees by hash
     * @param witnesses  the witnesses this server trusts and their quorum ({@link WitnessEvidence})
     * @param serverCheck whether to add the server's own check of each envelope's signature and each
     *                    witness's cosignature ({@code serverVerified}), for browsers that cannot check
     *                    them (SM2, or no Ed25519)
     * @return empty when {@code treeSize} names no checkpoint
     */
    public static Optional<JsonObject> build(Connection c, Provenance p, Map<String, Set<String>> codes, Instant at,
                                             Long treeSize, Function<MerkleHasher, LogProofs> logs,
                                             Witnesses witnesses, boolean serverCheck) throws SQLException {
        Optional<CoveringCheckpoint> cp = EvidenceReads.checkpoint(c, treeSize);
        if (treeSize != null && cp.isEmpty()) {
            return Optional.empty();
        }
        List<String[]> named = new ArrayList<>();
        for (TimelineEvent e : p.events()) {
            if (e.device() != null) {
                named.add(new String[] {e.device(), Long.toString(e.seq())});
            }
        }
        List<EvidenceReads.DeviceWindow> windows = new ArrayList<>();
        Set<String> locations = new LinkedHashSet<>();
        for (CustodyWindow w : p.custody()) {
            locations.add(w.location());
            w.devices().forEach(d -> windows.add(new EvidenceReads.DeviceWindow(d, w.from(), w.to())));
        }
        p.events().forEach(e -> {
            if (e.location() != null) {
                locations.add(e.location());
            }
        });
        List<EvidenceReads.StoredEnvelope> envelopes = EvidenceReads.envelopes(c, named, windows, at);
        Set<Long> chunkIds = new LinkedHashSet<>();
        Set<String> kids = new LinkedHashSet<>();
        Set<String> deviceIds = new LinkedHashSet<>();
        envelopes.forEach(e -> {
            chunkIds.add(e.chunkId());
            kids.add(e.kid());
            deviceIds.add(e.device());
        });
        Map<Long, EvidenceReads.StoredChunk> chunks = EvidenceReads.chunks(c, chunkIds);
        Map<Long, List<String>> disclosures = disclosures(c, envelopes, named, codes);

        JsonObject keys = new JsonObject();
        Map<String, EvidenceReads.DeviceKeyRow> keyRows = new LinkedHashMap<>();
        for (EvidenceReads.DeviceKeyRow k : EvidenceReads.keys(c, kids)) {
            keyRows.put(k.kid(), k);
            keys.put(k.kid(), new JsonObject().put("device", k.device()).put("alg", k.alg()).put("publicKeyPem", k.publicKeyPem()));
        }
        JsonObject devices = new JsonObject();
        for (EvidenceReads.DeviceFacts d : EvidenceReads.devices(c, deviceIds, locations)) {
            devices.put(d.id(), new JsonObject().put("org", d.orgId()).put("orgName", d.orgName()).put("location", d.location()));
        }

        long size = cp.map(CoveringCheckpoint::treeSize).orElse(0L);
        Map<Long, List<EvidenceReads.StoredEnvelope>> byChunk = new LinkedHashMap<>();
        envelopes.forEach(e -> byChunk.computeIfAbsent(e.chunkId(), k -> new ArrayList<>()).add(e));
        JsonObject chunkJson = new JsonObject();
        Map<Long, MerkleTree> trees = new LinkedHashMap<>();
        Set<Long> withLeaves = new LinkedHashSet<>();
        String hashAlg = chunks.values().stream().map(EvidenceReads.StoredChunk::hashAlg).findFirst().orElse("sha256");
        for (EvidenceReads.StoredChunk ch : chunks.values()) {
            if (ch.logIndex() == null || ch.logIndex() >= size) {
                chunkJson.put(Long.toString(ch.id()), new JsonObject().put("pending", true));
                continue;
            }
            MerkleHasher hasher = MerkleHasher.byName(ch.hashAlg());
            LogProofs log = logs.apply(hasher);
            if (log.size(c) < size) {
                throw new SQLException("checkpoint of size " + size + " but fewer chunk roots are logged");
            }
            JsonObject o = new JsonObject().put("size", ch.size()).put("root", HEX.formatHex(ch.root()))
                    .put("logIndex", ch.logIndex()).put("logPath", hex(log.inclusionProof(c, ch.logIndex(), size)));
            int pathLength = 64 - Long.numberOfLeadingZeros(Math.max(1, ch.size() - 1));
            // the whole leaf list once, when it is shorter than the included envelopes' paths together
            if (ch.size() <= (long) pathLength * byChunk.get(ch.id()).size()) {
                o.put("leaves", HEX.formatHex(ch.leafHashes()));
                withLeaves.add(ch.id());
            } else {
                List<byte[]> leaves = new ArrayList<>(ch.size());
                int n = hasher.size();
                for (int i = 0; i < ch.size(); i++) {
                    leaves.add(java.util.Arrays.copyOfRange(ch.leafHashes(), i * n, (i + 1) * n));
                }
                trees.put(ch.id(), MerkleTree.of(hasher, leaves));
            }
            chunkJson.put(Long.toString(ch.id()), o);
        }
        JsonArray env = new JsonArray();
        for (EvidenceReads.StoredEnvelope e : envelopes) {
            JsonObject o = new JsonObject().put("device", e.device()).put("seq", e.seq()).put("kid", e.kid())
                    .put("jws", new String(e.jws(), StandardCharsets.US_ASCII)).put("chunk", e.chunkId()).put("leaf", e.leafIndex());
            MerkleTree tree = trees.get(e.chunkId());
            if (tree != null) {
                o.put("path", hex(tree.inclusionProof(e.leafIndex(), tree.size())));
            }
            List<String> shown = disclosures.get(e.id());
            if (shown != null) {
                o.put("disclosures", new JsonArray(shown));
            }
            if (serverCheck) {
                o.put("serverVerified", signatureHolds(e, keyRows.get(e.kid())));
            }
            env.add(o);
        }
        JsonObject checkpoint = cp.map(x -> new JsonObject().put("treeSize", x.treeSize()).put("note", x.note())
                .put("ledger", x.ledger()).put("receipt", x.receiptJson() == null ? null : new JsonObject(x.receiptJson())))
                .orElse(null);
        JsonObject code = new JsonObject().put("gtin", p.product().gtin()).put("lot", p.lot().lot())
                .put("serial", p.item() == null ? null : p.item().serial());
        return Optional.of(new JsonObject().put("version", VERSION).put("code", code).put("at", at.toString())
                .put("hashAlg", hashAlg).put("checkpoint", checkpoint)
                .put("witnesses", WitnessEvidence.of(witnesses, cp.map(CoveringCheckpoint::note).orElse(null), serverCheck))
                .put("codes", new JsonObject().put("item", new JsonArray(List.copyOf(codes.getOrDefault("item", Set.of()))))
                        .put("lot", new JsonArray(List.copyOf(codes.getOrDefault("lot", Set.of())))))
                .put("rule", rule(p.product().rule())).put("devices", devices).put("keys", keys)
                .put("chunks", chunkJson).put("envelopes", env));
    }

    /**
     * For each SD-JWT event envelope, the disclosures whoever holds the code may see ({@link HolderDisclosures});
     * plain JWS envelopes have no entry and are shown whole, as signed.
     */
    private static Map<Long, List<String>> disclosures(Connection c, List<EvidenceReads.StoredEnvelope> envelopes,
                                                       List<String[]> named, Map<String, Set<String>> codes)
            throws SQLException {
        Set<String> events = new java.util.HashSet<>();
        named.forEach(n -> events.add(n[0] + "/" + n[1]));
        List<EvidenceReads.StoredEnvelope> eventEnvelopes = envelopes.stream()
                .filter(e -> events.contains(e.device() + "/" + e.seq())).toList();
        Map<Long, List<String>> stored = DisclosureRows.of(c, eventEnvelopes.stream().map(EvidenceReads.StoredEnvelope::id).toList());
        if (stored.isEmpty()) {
            return stored;
        }
        List<HolderDisclosures.Signed> signed = new ArrayList<>();
        for (EvidenceReads.StoredEnvelope e : eventEnvelopes) {
            com.fasterxml.jackson.databind.node.ObjectNode payload =
                    HolderDisclosures.payload(new String(e.jws(), StandardCharsets.US_ASCII));
            if (payload != null) {
                signed.add(new HolderDisclosures.Signed(e.id(), payload, stored.getOrDefault(e.id(), List.of())));
            }
        }
        Set<String> own = HolderDisclosures.keysOf(codes.getOrDefault("item", Set.of()));
        own.addAll(HolderDisclosures.keysOf(codes.getOrDefault("lot", Set.of())));
        Map<Long, List<String>> shown = HolderDisclosures.shown(signed, own);
        // an SD-JWT whose payload did not read still says it is one, with nothing disclosed
        stored.keySet().forEach(id -> shown.putIfAbsent(id, List.of()));
        return shown;
    }

    /** The same check as ingest's: the JWS verifies with the registered key, under that key's algorithm. */
    static boolean signatureHolds(EvidenceReads.StoredEnvelope e, EvidenceReads.DeviceKeyRow key) {
        if (key == null || !key.device().equals(e.device())) {
            return false;
        }
        try {
            Jws jws = Jws.parse(e.jws());
            VerifyingKey k = PublicKeys.fromPem(key.publicKeyPem());
            return jws.kid().equals(key.kid()) && jws.alg() == k.algorithm() && k.verify(jws.signingInput(), jws.signature());
        } catch (MalformedJwsException | KeyFormatException ex) {
            return false;
        }
    }

    static JsonObject rule(ColdChainRule r) {
        return new JsonObject().put("minC", r.minC()).put("maxC", r.maxC())
                .put("maxSingleSeconds", r.maxSingle() == null ? null : r.maxSingle().toSeconds())
                .put("maxTotalSeconds", r.maxTotal() == null ? null : r.maxTotal().toSeconds())
                .put("maxGapSeconds", r.maxGap() == null ? null : r.maxGap().toSeconds());
    }

    private static JsonArray hex(List<byte[]> hashes) {
        JsonArray a = new JsonArray();
        hashes.forEach(h -> a.add(HEX.formatHex(h)));
        return a;
    }
}
