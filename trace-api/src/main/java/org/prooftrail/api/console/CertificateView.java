package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;
import org.prooftrail.core.certificate.Basis;
import org.prooftrail.core.certificate.Commitment;

/**
 * Farm produce certificates (承诺达标合格证): the organisation's, newest first, with their public pages
 * and labels (PNG, PDF), and a form to issue one for a lot of its own produce. Regulators read every
 * organisation's.
 */
final class CertificateView implements ConsoleView {
    static final int PAGE = 50;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav("/certificates", "Farm certificates", "承诺达标合格证", ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN);
        routes.get("/certificates", ConsoleRoutes.ANY, this::list);
        routes.post("/certificates", ConsoleRoutes.COMPANY, this::issue);
        routes.get("/certificates/:id/label.png", ConsoleRoutes.COMPANY_OR_REGULATOR, r -> label(r, "png"));
        routes.get("/certificates/:id/label.pdf", ConsoleRoutes.COMPANY_OR_REGULATOR, r -> label(r, "pdf"));
    }

    private void list(ConsoleRequest r) {
        boolean company = r.user().role() == ApiRole.COMPANY;
        String before = r.param("before");
        Future<ApiAnswer> certificates = r.get("/v1/certificates?limit=" + PAGE
                + (before == null ? "" : "&before=" + ProductPaths.segment(before)));
        Future<ApiAnswer> products = company ? r.get("/v1/products?limit=1000") : Future.succeededFuture();
        Future.all(certificates, products).onSuccess(all -> {
            if (!certificates.result().ok()) {
                r.failed(certificates.result());
                return;
            }
            if (company && !products.result().ok()) {
                r.failed(products.result());
                return;
            }
            StringBuilder b = new StringBuilder();
            table(r, b, certificates.result().json(), company);
            if (company) {
                form(r, b, products.result().json().getJsonArray("products"));
            }
            r.render(r.t("Farm produce certificates", "承诺达标合格证"), b.toString());
        }).onFailure(r::fail);
    }

    private static void table(ConsoleRequest r, StringBuilder b, JsonObject page, boolean company) {
        JsonArray list = page.getJsonArray("certificates");
        if (list.isEmpty()) {
            b.append("<p class=\"muted\">").append(Html.esc(r.t("No certificates yet.", "还没有合格证。"))).append("</p>");
            return;
        }
        String lang = r.lang() == Lang.ZH ? "zh" : "en";
        b.append("<div class=\"scroll\"><table><thead><tr><th>").append(Html.esc(r.t("Number", "编号"))).append("</th><th>");
        if (!company) {
            b.append(Html.esc(r.t("Issuer", "开具方"))).append("</th><th>");
        }
        b.append(Html.esc(r.t("Product", "产品"))).append("</th><th>").append(Html.esc(r.t("Lot", "批号"))).append("</th><th class=\"num\">")
                .append(Html.esc(r.t("Quantity", "数量"))).append("</th><th>").append(Html.esc(r.t("Origin", "产地"))).append("</th><th>")
                .append(Html.esc(r.t("Issued on", "开具日期"))).append("</th><th class=\"num\">").append(Html.esc(r.t("Receipts", "收货记录")))
                .append("</th><th>").append(Html.esc(r.t("Label", "标签"))).append("</th></tr></thead><tbody>");
        for (int i = 0; i < list.size(); i++) {
            JsonObject c = list.getJsonObject(i);
            String id = c.getString("id");
            String labels = "/console/certificates/" + ProductPaths.segment(id) + "/label.";
            b.append("<tr><td><a href=\"").append(Html.esc(c.getString("page"))).append("?lang=").append(lang).append("\"><code>")
                    .append(Html.esc(id)).append("</code></a></td><td>");
            if (!company) {
                b.append(Html.esc(c.getString("issuer"))).append("</td><td>");
            }
            b.append(Html.esc(c.getString("productName"))).append(" <span class=\"muted\">").append(Html.esc(c.getString("gtin")))
                    .append("</span></td><td>").append(Html.esc(c.getString("lot"))).append("</td><td class=\"num\">")
                    .append(Html.esc(ProductHtml.number(c.getValue("quantity")))).append(' ').append(Html.esc(c.getString("unit")))
                    .append("</td><td>").append(Html.esc(c.getString("origin"))).append("</td><td>")
                    .append(Html.esc(c.getString("issuedOn"))).append("</td><td class=\"num\">").append(c.getLong("receiptCount"))
                    .append("</td><td>");
            if (r.user().role() == ApiRole.ADMIN) { // the API prints labels for issuers and regulators only
                b.append('–');
            } else {
                b.append("<a href=\"").append(Html.esc(labels)).append("png\" download>PNG</a> · <a href=\"")
                        .append(Html.esc(labels)).append("pdf\" download>PDF</a>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        String next = page.getString("next");
        if (next != null) {
            b.append("<p><a href=\"/console/certificates?before=").append(Html.esc(ProductPaths.segment(next))).append("\">")
                    .append(Html.esc(r.t("Older certificates", "更早的合格证"))).append("</a></p>");
        }
    }

    private static void form(ConsoleRequest r, StringBuilder b, JsonArray products) {
        String lang = r.lang() == Lang.ZH ? "zh" : "en";
        b.append("<h2>").append(Html.esc(r.t("Issue a certificate", "开具合格证"))).append("</h2>");
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < products.size(); i++) {
            JsonObject p = products.getJsonObject(i);
            if ("produce".equals(p.getString("category")) && p.getString("retiredAt") == null) {
                options.append("<option value=\"").append(Html.esc(p.getString("gtin"))).append("\">").append(Html.esc(p.getString("name")))
                        .append(" (").append(Html.esc(p.getString("gtin"))).append(")</option>");
            }
        }
        if (options.isEmpty()) {
            b.append("<p class=\"muted\">").append(Html.esc(r.t("Certificates are for farm produce: first register a product of category "
                    + "Farm produce and a lot of it.", "合格证用于农产品：请先登记一个类别为“农产品”的产品及其批次。")))
                    .append(" <a href=\"/console/products\">").append(Html.esc(r.t("Products", "产品"))).append("</a></p>");
            return;
        }
        b.append("<form class=\"stack\" method=\"post\" action=\"/console/certificates\">").append(r.csrfField())
                .append("<label for=\"gtin\">").append(Html.esc(r.t("Product", "产品"))).append("<select id=\"gtin\" name=\"gtin\" required>")
                .append(options).append("</select></label>")
                .append(ProductHtml.input("lot", r.t("Lot number", "批号"), r.t("A registered lot of the product", "该产品已登记的批次"),
                        "text", null, "required maxlength=\"20\""))
                .append(ProductHtml.input("quantity", r.t("Quantity", "数量"), "text", null, "required inputmode=\"decimal\""))
                .append(ProductHtml.input("unit", r.t("Unit", "单位"), r.t("e.g. kg, 箱", "例如 kg、公斤、箱"), "text", "kg",
                        "required maxlength=\"16\""))
                .append(ProductHtml.input("origin", r.t("Place of production", "产地"), "text", null, "required maxlength=\"200\""))
                .append(ProductHtml.input("producerName", r.t("Producer", "生产者"), "text", null, "required maxlength=\"200\""))
                .append(ProductHtml.input("producerContact", r.t("Producer's contact", "联系方式"), "text", null, "required maxlength=\"64\""))
                .append(ProductHtml.input("issuedOn", r.t("Issued on", "开具日期"), "date", LocalDate.now(CHINA).toString(), "required"))
                .append("<fieldset><legend>").append(Html.esc(r.t("I commit that (all required)", "我承诺（均须勾选）"))).append("</legend>");
        for (Commitment c : Commitment.values()) {
            checkbox(b, "commitment-" + c.field(), "commitment", c.field(), c.text(lang), true);
        }
        b.append("</fieldset><fieldset><legend>").append(Html.esc(r.t("On the basis of (one or more)", "承诺依据（至少一项）")))
                .append("</legend>");
        for (Basis s : Basis.values()) {
            checkbox(b, "basis-" + s.code(), "basis", s.code(), s.text(lang), false);
        }
        b.append("</fieldset><button type=\"submit\">").append(Html.esc(r.t("Issue certificate", "开具合格证"))).append("</button></form>");
    }

    private static void checkbox(StringBuilder b, String id, String name, String value, String text, boolean required) {
        b.append("<label for=\"").append(Html.esc(id)).append("\"><span><input id=\"").append(Html.esc(id)).append("\" name=\"")
                .append(name).append("\" type=\"checkbox\" value=\"").append(Html.esc(value)).append('"')
                .append(required ? " required" : "").append("> ").append(Html.esc(text)).append("</span></label>");
    }

    private void issue(ConsoleRequest r) {
        JsonObject body = new JsonObject().put("gtin", trimmed(r, "gtin")).put("lot", trimmed(r, "lot"))
                .put("unit", trimmed(r, "unit")).put("origin", trimmed(r, "origin"))
                .put("producer", new JsonObject().put("name", trimmed(r, "producerName")).put("contact", trimmed(r, "producerContact")))
                .put("issuedOn", trimmed(r, "issuedOn"));
        try {
            body.put("quantity", new BigDecimal(trimmed(r, "quantity").replace(',', '.')).doubleValue());
        } catch (NumberFormatException e) {
            ProductView.formProblem(r, new ProductForm.Problem(r.t("Quantity: is not a number", "数量：不是数字")), "/console/certificates");
            return;
        }
        JsonObject commitments = new JsonObject();
        r.ctx().request().formAttributes().getAll("commitment").forEach(c -> commitments.put(c, true));
        body.put("commitments", commitments).put("basis", new JsonArray(r.ctx().request().formAttributes().getAll("basis")));
        r.call(HttpMethod.POST, "/v1/certificates", body).onSuccess(a -> {
            if (a.status() != 201) {
                r.failed(a);
                return;
            }
            r.redirect("/certificates", r.t("Certificate issued: ", "合格证已开具：") + a.json().getString("id"));
        }).onFailure(r::fail);
    }

    private static String trimmed(ConsoleRequest r, String name) {
        String v = r.form(name);
        return v == null ? "" : v.trim();
    }

    private void label(ConsoleRequest r, String format) {
        String id = r.param("id");
        r.download("/v1/certificates/" + ProductPaths.segment(id) + "/label?format=" + format,
                format.equals("pdf") ? "application/pdf" : "image/png", "certificate-" + id + "." + format);
    }
}
