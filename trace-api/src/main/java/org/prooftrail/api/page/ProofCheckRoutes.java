package org.prooftrail.api.page;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.proof.BundleVerifier;
import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.anchor.proof.ProofBundles;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.proof.ProofAccess;
import org.prooftrail.store.log.ProofReads;
import org.prooftrail.api.limits.PublicRateLimit;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.LogProofsByHash;

/**
 * The server's own check of a proof bundle ({@code verifyProofBundle}), for clients that cannot check
 * it themselves (no WebCrypto Ed25519, or an SM2/SM3 log). It is the same
 * {@link BundleVerifier} that {@code prooftrail verify} runs, against the log key this server was given
 * and the quorum of the witnesses it trusts. It answers for the envelopes whose bundle the caller may
 * read ({@link ProofAccess}): it would otherwise say which device seqs exist. The consumer page's
 * server check of its events is in the evidence document instead ({@code ?verify=server}).
 */
public final class ProofCheckRoutes implements ApiFeature {
    private final Database db;
    private final LogKey logKey;
    private final PublicRateLimit limiter;
    /** A few tiles per check, the full ones cached: the check costs the same whatever the log's size. */
    private final LogProofsByHash logs = new LogProofsByHash();

    private final Witnesses witnesses;

    /** @param witnesses the witnesses this server trusts: a bundle's checkpoint needs their quorum */
    public ProofCheckRoutes(Database db, LogKey logKey, Witnesses witnesses, PublicRateLimit limiter) {
        this.db = db;
        this.logKey = logKey;
        this.witnesses = witnesses;
        this.limiter = limiter;
    }

    @Override
    public void mount(ApiMount m) {
        m.operation("verifyProofBundle").addHandler(ProofAccess.optionalToken(m.auth())).addHandler(limiter)
                .addHandler(ctx -> check(m.workers().lookups(), ctx));
    }

    private void check(WorkerExecutor workers, RoutingContext ctx) {
        String device = ctx.pathParam("device");
        long seq;
        try {
            seq = Long.parseLong(ctx.pathParam("seq"));
        } catch (NumberFormatException e) {
            Problems.send(ctx, 400, "seq must be a whole number");
            return;
        }
        if (logKey == null) {
            Problems.send(ctx, 503, "this server was not given the log's public key (PT_LOG_PUBLIC_KEY_FILE), so it cannot check proofs");
            return;
        }
        Principal caller = BearerAuth.principal(ctx);
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                Optional<ProofReads.EnvelopeAccess> access = ProofReads.access(c, device, seq);
                if (access.isEmpty() || !ProofAccess.allows(caller, access.get())) {
                    return Optional.<List<BundleVerifier.Step>>empty();
                }
                return ProofBundles.forEnvelope(c, device, seq, logs::get, witnesses.displayNames(),
                                ProofAccess.disclosures(caller, access.get()))
                        .map(b -> BundleVerifier.offline(logKey, witnesses.policy()).verify(b));
            }
        }, false).onSuccess(steps -> {
            if (steps.isEmpty()) {
                Problems.send(ctx, 404, ProofAccess.NOT_SHOWN);
                return;
            }
            List<BundleVerifier.Step> s = steps.get();
            JsonArray list = new JsonArray();
            s.forEach(x -> list.add(new JsonObject().put("name", x.name()).put("passed", x.passed()).put("detail", x.detail())));
            ctx.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                    .end(new JsonObject().put("device", device).put("seq", seq).put("logKey", logKey.name())
                            .put("verified", BundleVerifier.allPassed(s)).put("steps", list).encode());
        }).onFailure(e -> Problems.failed(ctx, e));
    }
}
