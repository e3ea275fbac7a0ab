package org.prooftrail.api.audit;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.witness.WitnessEndpoint;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.AuditRuns;
import org.prooftrail.store.log.CheckpointRows;

/**
 * {@code GET /v1/log/health} for regulators and admins: the newest published checkpoint and its age, a
 * newer one held for its witnesses, each configured witness with its last valid cosignature (the time
 * the witness wrote into it), and the last audit run through the API. A few indexed reads; nothing is
 * recomputed (that is what {@code GET /v1/audit} does).
 */
public final class LogHealthRoutes implements ApiFeature {
    /** How far back a witness's last cosignature is looked for, in checkpoints. */
    static final int COSIGNATURE_WINDOW = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final Witnesses witnesses;

    public LogHealthRoutes(Database db, Witnesses witnesses) {
        this.db = db;
        this.witnesses = witnesses;
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("getLogHealth").addHandler(m.auth().require(ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> health(workers, ctx));
    }

    private void health(WorkerExecutor workers, RoutingContext ctx) {
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                c.setReadOnly(true);
                return build(c, Instant.now());
            }
        }, false).onSuccess(h -> ctx.response().putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store").end(h.encode())).onFailure(e -> Problems.failed(ctx, e));
    }

    JsonObject build(Connection c, Instant now) throws SQLException {
        JsonObject out = new JsonObject();
        out.put("checkpoint", CheckpointRows.latestSigned(c).map(s -> head(s, now)).orElse(null));
        out.put("awaitingWitnesses", CheckpointRows.heldSigned(c).map(s -> head(s, now)).orElse(null));
        JsonArray list = new JsonArray();
        for (WitnessEndpoint w : witnesses.endpoints()) {
            JsonObject o = new JsonObject().put("name", w.name()).put("displayName", w.displayName())
                    .put("url", w.submissionPrefix().toString());
            o.put("lastCosignature", lastCosignature(c, w, now).orElse(null));
            list.add(o);
        }
        out.put("witnesses", new JsonObject().put("quorum", witnesses.quorum()).put("window", COSIGNATURE_WINDOW).put("list", list));
        out.put("lastAudit", AuditRuns.latest(c).map(AuditRunJson::of).orElse(null));
        return out;
    }

    private static JsonObject head(CheckpointRows.Signed s, Instant now) {
        return new JsonObject().put("treeSize", s.treeSize()).put("root", HEX.formatHex(s.root()))
                .put("signedAt", s.signedAt().toString()).put("ageSeconds", Math.max(0, Duration.between(s.signedAt(), now).toSeconds()));
    }

    /** The witness's newest cosignature that verifies under its configured key, with the time it signed. */
    private static Optional<JsonObject> lastCosignature(Connection c, WitnessEndpoint w, Instant now) throws SQLException {
        Optional<CheckpointRows.Cosigned> found = CheckpointRows.lastCosignedBy(c, w.name(), COSIGNATURE_WINDOW);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CheckpointRows.Cosigned cp = found.get();
        String text = SignedNote.text(cp.note());
        for (String line : cp.cosignatures().split("(?<=\n)")) {
            Optional<Long> time = text == null ? Optional.empty() : Cosignature.verify(line, w.key(), text);
            if (time.isPresent()) {
                Instant at = Instant.ofEpochSecond(time.get());
                return Optional.of(new JsonObject().put("treeSize", cp.treeSize()).put("time", at.toString())
                        .put("ageSeconds", Math.max(0, Duration.between(at, now).toSeconds()))
                        .put("checkpointSignedAt", cp.signedAt().toString()));
            }
        }
        return Optional.empty();
    }
}
