package org.prooftrail.api.docs;

import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.openapi.contract.Operation;
import java.util.Comparator;
import java.util.List;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.limits.PublicRateLimit;

/**
 * {@code GET /docs}: every operation of the contract (method, path, who may call it, summary),
 * rendered once at start from the same {@code openapi.yaml} that validates requests, so the list
 * cannot drift from what the server does.
 */
public final class DocsPage implements ApiFeature {
    private final PublicRateLimit limit;

    public DocsPage(PublicRateLimit limit) {
        this.limit = limit;
    }

    @Override
    public void mount(ApiMount m) {
        String html = render(m.contract().getRoutes().stream().map(OpenAPIRoute::getOperation)
                .sorted(Comparator.comparing(Operation::getOpenAPIPath).thenComparing(o -> o.getHttpMethod().name()))
                .toList());
        m.plain().get("/docs").handler(limit).handler(ctx -> ctx.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
                .putHeader("cache-control", "public, max-age=300")
                .end(html));
    }

    static String render(List<Operation> operations) {
        StringBuilder b = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>ProofTrail API</title>
                <style>body{font:15px/1.4 system-ui,sans-serif;margin:1.5em;max-width:70em}
                table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35em .5em;
                text-align:left;vertical-align:top}code{font-size:13px}.m{font-weight:600}</style></head><body>
                <h1>ProofTrail API</h1>
                <p>The contract is <a href="/openapi.yaml">/openapi.yaml</a> (OpenAPI 3.1); every request is validated
                against it. Operations marked <em>token</em> need <code>Authorization: Bearer &lt;JWT&gt;</code> with a
                <code>role</code> of company, regulator or admin; errors are RFC 9457 problem bodies.</p>
                <table><tr><th>method</th><th>path</th><th>access</th><th>operation</th><th>what it does</th></tr>
                """);
        for (Operation o : operations) {
            String summary = o.getOpenAPIModel().getString("summary", "");
            b.append("<tr><td class=m>").append(o.getHttpMethod().name()).append("</td><td><code>")
                    .append(escape(o.getOpenAPIPath())).append("</code></td><td>")
                    .append(o.getSecurityRequirements().isEmpty() ? "public" : "token").append("</td><td><code>")
                    .append(escape(o.getOperationId())).append("</code></td><td>").append(escape(summary))
                    .append("</td></tr>\n");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
