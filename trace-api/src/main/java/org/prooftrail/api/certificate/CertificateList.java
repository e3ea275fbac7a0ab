package org.prooftrail.api.certificate;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.registry.BlockingReplies;
import org.prooftrail.api.registry.ProductAccess;
import org.prooftrail.store.certificates.CertificateSummary;
import org.prooftrail.store.certificates.Certificates;

/**
 * {@code GET /v1/certificates}: a page of certificates, newest first. A company sees those it issued,
 * regulators and admins every organisation's; the public page of each stays open to anyone.
 */
final class CertificateList {
    static final int DEFAULT_PAGE = 100;

    private final Certificates certificates;
    private io.vertx.core.WorkerExecutor workers;

    CertificateList(Certificates certificates) {
        this.certificates = certificates;
    }

    void mount(ApiMount m) {
        workers = m.workers().queries();
        m.operation("listCertificates").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN))
                .addHandler(this::list);
    }

    private void list(RoutingContext ctx) {
        Principal who = BearerAuth.principal(ctx);
        String org = who.role() == ApiRole.COMPANY ? who.org() : null;
        String rawGtin = ctx.queryParams().get("gtin");
        String gtin = rawGtin == null ? null : ProductAccess.gtin(ctx, rawGtin);
        if (rawGtin != null && gtin == null) {
            return; // refused as a bad GTIN
        }
        String raw = ctx.queryParams().get("limit");
        int limit = raw == null ? DEFAULT_PAGE : Integer.parseInt(raw);
        BlockingReplies.json(workers, ctx, 200, () -> {
            List<CertificateSummary> page = certificates.list(org, gtin, ctx.queryParams().get("lot"),
                    ctx.queryParams().get("before"), limit);
            JsonArray out = new JsonArray();
            for (CertificateSummary c : page) {
                out.add(CertificateJson.of(c.content()).put("recordedAt", c.createdAt().toString())
                        .put("receiptCount", c.receiptCount()));
            }
            JsonObject body = new JsonObject().put("certificates", out);
            return page.size() < limit ? body : body.put("next", page.get(page.size() - 1).id());
        });
    }
}
