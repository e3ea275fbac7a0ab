package org.prooftrail.api.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.prooftrail.anchor.audit.DerivedRowsAudit;
import org.prooftrail.anchor.audit.LogAudit;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.Checkpoints;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleProofs;
import org.prooftrail.core.merkle.Verification;
import org.prooftrail.store.log.AuditReads;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.LogProofs;
import org.prooftrail.store.log.StoredCheckpoint;

/**
 * The regulator's audit, built on one connection (blocking): the latest signed checkpoints, a
 * consistency proof between each two consecutive ones (verified against the roots their signed
 * notes claim), and {@link LogAudit} over the stored data, either everything or the recent part; a full
 * audit also recomputes the derived rows from the envelopes ({@link DerivedRowsAudit}).
 */
final class AuditReport {
    /** "Recent" is this many of the newest chunks, plus the checkpoints shown. */
    static final int RECENT_CHUNKS = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private AuditReport() {
    }

    static JsonObject build(Connection c, LogKey key, String hashAlg, int count, boolean full) throws SQLException {
        List<StoredCheckpoint> latest = CheckpointRows.latest(c, count);
        MerkleHasher hasher = MerkleHasher.byName(hashAlg);
        JsonArray checkpoints = new JsonArray();
        List<Checkpoint> parsed = new ArrayList<>();
        for (StoredCheckpoint cp : latest) {
            JsonObject o = new JsonObject().put("treeSize", cp.treeSize()).put("root", HEX.formatHex(cp.root())).put("note", cp.note());
            Checkpoint claimed = null;
            try {
                claimed = Checkpoints.parse(cp.note());
            } catch (IllegalArgumentException e) {
                o.put("noteProblem", e.getMessage());
            }
            parsed.add(claimed);
            String sig = key == null ? "not checked: this server has no log public key (PT_LOG_PUBLIC_KEY_FILE)"
                    : SignedNote.problem(cp.note(), key);
            o.put("signature", sig == null ? "valid" : sig);
            checkpoints.add(o);
        }
        JsonArray proofs = new JsonArray();
        boolean consistent = true;
        if (latest.size() > 1) {
            LogProofs log = new LogProofs(hasher);
            long logSize = log.size(c);
            for (int i = 1; i < latest.size(); i++) {
                JsonObject p = consistency(c, log, logSize, hasher, latest.get(i - 1), parsed.get(i - 1), latest.get(i), parsed.get(i));
                consistent &= p.getBoolean("verified");
                proofs.add(p);
            }
        }
        long fromChunk = full ? 0 : AuditReads.recentChunkStart(c, RECENT_CHUNKS);
        long fromTreeSize = full || latest.isEmpty() ? 0 : latest.get(0).treeSize();
        LogAudit.Report report = LogAudit.run(c, key, fromChunk, fromTreeSize);
        JsonObject audit = new JsonObject().put("scope", full ? "full" : "recent")
                .put("fromChunk", fromChunk).put("fromTreeSize", fromTreeSize)
                .put("chunks", report.chunks()).put("envelopes", report.envelopes()).put("checkpoints", report.checkpoints())
                .put("signaturesChecked", key != null).put("passed", report.passed())
                .put("problems", new JsonArray(new ArrayList<>(report.problems())));
        boolean derivedPassed = true;
        if (full) {
            DerivedRowsAudit.Report derived = DerivedRowsAudit.run(c);
            derivedPassed = derived.passed();
            audit.put("derivedRows", DerivedRowsJson.of(derived));
        } else {
            audit.put("note", "only the newest " + RECENT_CHUNKS + " chunks and the checkpoints shown were audited, and derived rows "
                    + "were not recomputed; ask with full=true for everything");
        }
        return new JsonObject().put("passed", consistent && report.passed() && derivedPassed).put("consistent", consistent)
                .put("checkpoints", checkpoints).put("consistency", proofs).put("audit", audit);
    }

    private static JsonObject consistency(Connection c, LogProofs log, long logSize, MerkleHasher hasher,
                                          StoredCheckpoint a, Checkpoint ca, StoredCheckpoint b, Checkpoint cb) throws SQLException {
        JsonObject p = new JsonObject().put("first", a.treeSize()).put("second", b.treeSize());
        if (ca == null || cb == null) {
            return p.put("verified", false).put("reason", "a checkpoint note does not parse");
        }
        p.put("firstRoot", HEX.formatHex(ca.root())).put("secondRoot", HEX.formatHex(cb.root()));
        if (b.treeSize() > logSize) {
            return p.put("verified", false).put("reason", "the log's tiles hold only " + logSize + " chunk roots");
        }
        List<byte[]> proof;
        try {
            proof = log.consistencyProof(c, a.treeSize(), b.treeSize());
        } catch (SQLException e) {
            if (e.getSQLState() != null) {
                throw e;
            }
            return p.put("verified", false).put("reason", e.getMessage()); // a tile is missing or short: a finding
        }
        Verification v = MerkleProofs.verifyConsistency(hasher, a.treeSize(), b.treeSize(), ca.root(), cb.root(), proof);
        return p.put("proof", new JsonArray(proof.stream().map(HEX::formatHex).toList())).put("verified", v.ok())
                .put("reason", v.reason());
    }
}
