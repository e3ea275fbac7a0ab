package org.prooftrail.api.audit;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.http.Problems;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.AuditRuns;

/**
 * {@code GET /v1/audit} for regulators and admins. The audit reads and hashes stored envelopes, so
 * it runs on a worker thread, audits only the recent part unless {@code full=true}, and runs at
 * most one full audit at a time (a second one is told to retry). Each run's outcome is kept
 * ({@link AuditRuns}) for the log's health ({@code GET /v1/log/health}).
 */
public final class AuditRoutes implements ApiFeature {
    static final int DEFAULT_CHECKPOINTS = 10;
    static final int MAX_CHECKPOINTS = 100;

    private final Database db;
    private final LogKey logKey;
    private final String hashAlg;
    private final AtomicBoolean fullRunning = new AtomicBoolean();

    public AuditRoutes(Database db, LogKey logKey, String hashAlg) {
        this.db = db;
        this.logKey = logKey;
        this.hashAlg = hashAlg;
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().bulk();
        m.operation("getAuditReport").addHandler(m.auth().require(ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(ctx -> audit(workers, ctx));
    }

    private void audit(WorkerExecutor workers, RoutingContext ctx) {
        int count;
        boolean full;
        try {
            String n = ctx.queryParams().get("checkpoints");
            count = n == null ? DEFAULT_CHECKPOINTS : Integer.parseInt(n);
            String f = ctx.queryParams().get("full");
            if (f != null && !f.equals("true") && !f.equals("false")) {
                throw new IllegalArgumentException();
            }
            full = "true".equals(f);
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, "checkpoints is a whole number from 1 to " + MAX_CHECKPOINTS + "; full is true or false");
            return;
        }
        if (count < 1 || count > MAX_CHECKPOINTS) {
            Problems.send(ctx, 400, "checkpoints is a whole number from 1 to " + MAX_CHECKPOINTS);
            return;
        }
        if (full && !fullRunning.compareAndSet(false, true)) {
            ctx.response().putHeader("retry-after", "30");
            Problems.send(ctx, 429, "a full audit is already running on this server; retry when it has finished");
            return;
        }
        String caller = BearerAuth.principal(ctx).subject();
        workers.executeBlocking(() -> {
            Instant started = Instant.now();
            JsonObject report;
            try (Connection c = db.connection()) {
                c.setReadOnly(true);
                report = AuditReport.build(c, logKey, hashAlg, count, full);
            }
            try (Connection c = db.connection()) {
                AuditRuns.record(c, AuditRunJson.run(report, caller, started, Instant.now()));
            }
            return report;
        }, false).onComplete(ar -> {
            if (full) {
                fullRunning.set(false);
            }
            if (ar.succeeded()) {
                ctx.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
                        .end(ar.result().encode());
            } else {
                Problems.failed(ctx, ar.cause());
            }
        });
    }
}
