package org.prooftrail.api.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.WorkerExecutor;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.proof.ProofBundles;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.LogProofs;
import org.prooftrail.store.log.LogProofsByHash;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.limits.EndpointClass;
import org.prooftrail.api.limits.PublicLimits;
import org.prooftrail.store.log.ProofReads;

/**
 * Read-only proof endpoints: the proof bundle of one envelope, the latest signed checkpoint, a
 * consistency proof between two tree sizes, and the log's public key (for convenience; verifiers
 * should get it from the operator out of band). Database work runs on worker threads. Who may read
 * which bundle is {@link ProofAccess}'s decision; every answer to a caller without a token spends its
 * address's budget ({@link EndpointClass#PROOF} for proofs, {@link EndpointClass#LOG} for the rest).
 */
public final class ProofRoutes implements ApiFeature {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final Database db;
    private final LogKey logKey;
    private final String hashAlg;
    /** Proofs from the log's tiles, one bounded cache of full tiles per hash: a few tile reads per proof. */
    private final LogProofsByHash logs = new LogProofsByHash();

    private final Map<String, String> witnessNames;
    private final PublicLimits limits;

    /**
     * @param logKey       the log's public key to hand out, or null
     * @param witnessNames the configured witnesses' display names by key name, for bundles' cosigners
     */
    public ProofRoutes(Database db, LogKey logKey, String hashAlg, Map<String, String> witnessNames, PublicLimits limits) {
        this.db = db;
        this.limits = limits;
        this.logKey = logKey;
        this.hashAlg = hashAlg;
        this.witnessNames = Map.copyOf(witnessNames);
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().lookups();
        m.operation("getProofBundle").addHandler(ProofAccess.optionalToken(m.auth()))
                .addHandler(limits.of(EndpointClass.PROOF)).addHandler(ctx -> bundle(workers, ctx));
        m.operation("getLatestCheckpoint").addHandler(limits.of(EndpointClass.LOG)).addHandler(ctx -> checkpoint(workers, ctx));
        m.operation("getConsistencyProof").addHandler(limits.of(EndpointClass.PROOF)).addHandler(ctx -> consistency(workers, ctx));
        m.operation("getLogKey").addHandler(limits.of(EndpointClass.LOG)).addHandler(ctx -> {
            if (logKey == null) {
                Problems.send(ctx, 404, "this server was not given the log's public key (PT_LOG_PUBLIC_KEY_FILE)");
            } else {
                ctx.response().putHeader("content-type", "application/x-pem-file").end(PublicKeys.toPem(logKey.key()));
            }
        });
    }

    private void bundle(WorkerExecutor workers, RoutingContext ctx) {
        String device = ctx.pathParam("device");
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            Problems.send(ctx, 400, "seq must be a whole number");
            return;
        }
        if (!device.matches("[A-Za-z0-9._-]{1,64}")) {
            Problems.send(ctx, 400, "device ids use letters, digits, '.', '_' and '-'");
            return;
        }
        Principal caller = BearerAuth.principal(ctx);
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                Optional<ProofReads.EnvelopeAccess> access = ProofReads.access(c, device, seq);
                if (access.isEmpty() || !ProofAccess.allows(caller, access.get())) {
                    return Optional.<ProofBundle>empty();
                }
                return ProofBundles.forEnvelope(c, device, seq, this::log, witnessNames,
                        ProofAccess.disclosures(caller, access.get()));
            }
        }, false).onSuccess(bundle -> {
            if (bundle.isEmpty()) {
                Problems.send(ctx, 404, ProofAccess.NOT_SHOWN);
            } else {
                json(ctx, bundle.get());
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    private void checkpoint(WorkerExecutor workers, RoutingContext ctx) {
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                return CheckpointRows.latest(c);
            }
        }, false).onSuccess(cp -> {
            if (cp == null) {
                Problems.send(ctx, 404, "no checkpoint yet");
            } else {
                ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end(cp.note());
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    private void consistency(WorkerExecutor workers, RoutingContext ctx) {
        long first;
        long second;
        try {
            first = Long.parseLong(ctx.queryParams().get("first"));
            second = Long.parseLong(ctx.queryParams().get("second"));
        } catch (NumberFormatException | NullPointerException e) {
            Problems.send(ctx, 400, "give first and second tree sizes as whole numbers");
            return;
        }
        if (first < 1 || second < first) {
            Problems.send(ctx, 400, "need 1 <= first <= second");
            return;
        }
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                LogProofs log = log(MerkleHasher.byName(hashAlg));
                if (log.size(c) < second) {
                    return null;
                }
                return new JsonObject().put("first", first).put("second", second)
                        .put("firstRoot", HEX.formatHex(log.root(c, first))).put("secondRoot", HEX.formatHex(log.root(c, second)))
                        .put("proof", log.consistencyProof(c, first, second).stream().map(HEX::formatHex).toList());
            }
        }, false).onSuccess(proof -> {
            if (proof == null) {
                Problems.send(ctx, 404, "the log is smaller than " + second);
            } else {
                ctx.response().putHeader("content-type", "application/json").end(proof.encode());
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    private LogProofs log(MerkleHasher hasher) {
        return logs.get(hasher);
    }

    private static void json(RoutingContext ctx, Object value) {
        try {
            ctx.response().putHeader("content-type", "application/json").end(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Problems.failed(ctx, e);
        }
    }
}
