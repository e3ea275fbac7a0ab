package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * One lot: its details, a form to issue item codes, the issued codes a page at a time (Digital Link and
 * China drug code), downloads of its labels (ZIP of QR images, A4 PDF) and codes (CSV) streamed from the
 * API, and forms to correct and retire it.
 */
final class LotView implements ConsoleView {
    static final int PAGE = 50;
    /** The API's bound on one issue (openapi.yaml, issueItems) and on one page of items (the CSV). */
    static final int MAX_ISSUE = 100_000;

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.get("/lots/:gtin/:lot", ConsoleRoutes.ANY, this::show);
        routes.get("/lots/:gtin/:lot/labels.zip", ConsoleRoutes.ANY, r -> labels(r, false));
        routes.get("/lots/:gtin/:lot/labels.pdf", ConsoleRoutes.ANY, r -> labels(r, true));
        routes.get("/lots/:gtin/:lot/codes.csv", ConsoleRoutes.ANY, this::codes);
        routes.post("/lots/:gtin/:lot/items", ConsoleRoutes.COMPANY, this::issue);
        routes.post("/lots/:gtin/:lot/edit", ConsoleRoutes.COMPANY, this::edit);
        routes.post("/lots/:gtin/:lot/retire", ConsoleRoutes.COMPANY, this::retire);
    }

    private void show(ConsoleRequest r) {
        String gtin = r.param("gtin");
        String lot = r.param("lot");
        String token = r.param("pageToken");
        Future<ApiAnswer> product = r.get(ProductPaths.apiProduct(gtin));
        Future<ApiAnswer> lotAnswer = r.get(ProductPaths.apiLot(gtin, lot));
        Future<ApiAnswer> items = r.get(ProductPaths.apiLot(gtin, lot) + "/items?limit=" + PAGE
                + (token == null ? "" : "&pageToken=" + ProductPaths.segment(token)));
        Future.all(product, lotAnswer, items).onSuccess(all -> {
            for (Future<ApiAnswer> f : java.util.List.of(product, lotAnswer, items)) {
                if (!f.result().ok()) {
                    r.failed(f.result());
                    return;
                }
            }
            JsonObject l = lotAnswer.result().json();
            r.render(r.t("Lot ", "批次 ") + l.getString("lot") + " · " + product.result().json().getString("name"),
                    page(r, product.result().json(), l, items.result().json()));
        }).onFailure(r::fail);
    }

    private String page(ConsoleRequest r, JsonObject p, JsonObject l, JsonObject items) {
        String gtin = l.getString("gtin");
        String lot = l.getString("lot");
        String here = ProductPaths.page(ProductPaths.lot(gtin, lot));
        boolean company = r.user().role() == ApiRole.COMPANY;
        boolean retired = l.getString("retiredAt") != null;
        boolean productRetired = p.getString("retiredAt") != null;
        long count = l.getLong("itemCount");
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table><tbody><tr><th>")
                .append(Html.esc(r.t("Product", "产品"))).append("</th><td><a href=\"")
                .append(Html.esc(ProductPaths.page(ProductPaths.product(gtin)))).append("\">").append(Html.esc(p.getString("name")))
                .append("</a> (GTIN ").append(Html.esc(gtin)).append(")</td></tr>");
        row(b, r.t("Lot number", "批号"), lot);
        row(b, r.t("Produced", "生产时间"), ProductHtml.when(l.getString("producedAt")));
        row(b, r.t("Expires", "有效期至"), ProductHtml.when(l.getString("expiresOn")));
        row(b, r.t("Codes issued", "已发码数"), Long.toString(count));
        row(b, r.t("Created", "创建时间"), ProductHtml.when(l.getString("createdAt")));
        b.append("<tr><th>").append(Html.esc(r.t("Status", "状态"))).append("</th><td>").append(ProductHtml.status(r, l));
        if (productRetired) {
            b.append(" · ").append(Html.esc(r.t("the product is retired", "产品已停用")));
        }
        b.append("</td></tr></tbody></table></div>");

        if (company && !retired && !productRetired) {
            b.append("<h2>").append(Html.esc(r.t("Issue codes", "发放追溯码"))).append("</h2><form class=\"stack\" method=\"post\" action=\"")
                    .append(Html.esc(here)).append("/items\">").append(r.csrfField())
                    .append(ProductHtml.input("count", r.t("How many", "数量"),
                            r.t("1 to 100,000 at a time; serials are random, never sequential", "每次 1 至 100,000 个；序列号随机生成，不连续"),
                            "number", "100", "required min=\"1\" max=\"" + MAX_ISSUE + "\""));
            if (p.getString("cnDrugId") != null) {
                b.append("<label for=\"chinaDrugCodes\"><span><input id=\"chinaDrugCodes\" name=\"chinaDrugCodes\" type=\"checkbox\" value=\"true\" checked> ")
                        .append(Html.esc(r.t("Also China drug traceability codes (20 digits)", "同时生成药品追溯码（20 位）")))
                        .append("</span></label>");
            }
            b.append("<button type=\"submit\">").append(Html.esc(r.t("Issue", "发码"))).append("</button></form>");
        }

        b.append("<h2>").append(Html.esc(r.t("Downloads", "下载"))).append("</h2>");
        if (count == 0) {
            b.append("<p class=\"muted\">").append(Html.esc(r.t("Labels and codes can be downloaded once codes are issued.",
                    "发码后即可下载标签和追溯码。"))).append("</p>");
        } else {
            b.append("<ul class=\"cards lot-downloads\">");
            download(b, here + "/labels.zip?image=png", r.t("Labels: ZIP of QR codes (PNG)", "标签：二维码 ZIP（PNG）"));
            download(b, here + "/labels.zip?image=svg", r.t("Labels: ZIP of QR codes (SVG)", "标签：二维码 ZIP（SVG）"));
            download(b, here + "/labels.pdf", r.t("Labels: A4 PDF sheets, 24 a page", "标签：A4 PDF，每页 24 个"));
            download(b, here + "/codes.csv", r.t("Codes: CSV (serial, Digital Link, China code)", "追溯码：CSV（序列号、数字链接、药品追溯码）"));
            b.append("</ul>");
            if (count > MAX_ISSUE) {
                b.append("<p class=\"muted\">").append(Html.esc(r.t("The CSV holds the first 100,000 codes; the API pages through the rest.",
                        "CSV 只含前 100,000 个追溯码，其余请通过 API 分页获取。"))).append("</p>");
            }
        }

        b.append("<h2>").append(Html.esc(r.t("Issued codes", "已发追溯码"))).append("</h2>");
        JsonArray list = items.getJsonArray("items");
        if (list.isEmpty()) {
            b.append("<p class=\"muted\">").append(Html.esc(r.t("None yet.", "尚无。"))).append("</p>");
        } else {
            b.append("<div class=\"scroll\"><table><thead><tr><th>").append(Html.esc(r.t("Serial", "序列号"))).append("</th><th>")
                    .append(Html.esc(r.t("Digital Link", "数字链接"))).append("</th><th>").append(Html.esc(r.t("China code", "药品追溯码")))
                    .append("</th><th>").append(Html.esc(r.t("Status", "状态"))).append("</th></tr></thead><tbody>");
            for (int i = 0; i < list.size(); i++) {
                JsonObject it = list.getJsonObject(i);
                String link = it.getString("digitalLink");
                b.append("<tr><td><code>").append(Html.esc(it.getString("serial"))).append("</code></td><td><a href=\"")
                        .append(Html.esc(link)).append("\" rel=\"noopener\">").append(Html.esc(link)).append("</a></td><td>")
                        .append(it.getString("cnCode") == null ? "–" : "<code>" + Html.esc(it.getString("cnCode")) + "</code>")
                        .append("</td><td>").append(Html.esc(itemStatus(r, it.getString("status")))).append("</td></tr>");
            }
            b.append("</tbody></table></div>");
            String next = items.getString("nextPageToken");
            b.append("<p>");
            if (r.param("pageToken") != null) {
                b.append("<a href=\"").append(Html.esc(here)).append("\">").append(Html.esc(r.t("First page", "第一页"))).append("</a> ");
            }
            if (next != null) {
                b.append("<a href=\"").append(Html.esc(here)).append("?pageToken=").append(Html.esc(ProductPaths.segment(next)))
                        .append("\">").append(Html.esc(r.t("Next page", "下一页"))).append("</a>");
            }
            b.append("</p>");
        }
        if (!company) {
            return b.toString();
        }
        b.append("<h2>").append(Html.esc(r.t("Correct", "更正"))).append("</h2><form class=\"stack\" method=\"post\" action=\"")
                .append(Html.esc(here)).append("/edit\">").append(r.csrfField())
                .append(ProductHtml.input("producedAt", r.t("Produced at (UTC)", "生产时间（UTC）"), "datetime-local",
                        ProductHtml.localTime(l.getString("producedAt")), ""))
                .append(ProductHtml.input("expiresOn", r.t("Expires on", "有效期至"),
                        r.t("Labels printed before keep the expiry of then", "已打印的标签仍显示当时的有效期"), "date",
                        l.getString("expiresOn"), ""))
                .append("<button type=\"submit\">").append(Html.esc(r.t("Save", "保存"))).append("</button></form>");
        b.append("<h2>").append(Html.esc(retired ? r.t("Reinstate", "恢复使用") : r.t("Retire", "停用"))).append("</h2><p class=\"muted\">")
                .append(Html.esc(r.t("A retired lot keeps its codes and history, and they still resolve; it takes no new codes.",
                        "停用的批次保留其追溯码和全部记录，追溯码仍可查询，但不能再发码。")))
                .append("</p><form class=\"stack\" method=\"post\" action=\"").append(Html.esc(here)).append("/retire\">")
                .append(r.csrfField()).append("<input type=\"hidden\" name=\"retired\" value=\"").append(!retired).append("\">")
                .append("<button type=\"submit\"").append(retired ? " class=\"secondary\"" : " class=\"danger\"").append(">")
                .append(Html.esc(retired ? r.t("Reinstate lot", "恢复使用批次") : r.t("Retire lot", "停用批次")))
                .append("</button></form>");
        return b.toString();
    }

    private void labels(ConsoleRequest r, boolean pdf) {
        String gtin = r.param("gtin");
        String lot = r.param("lot");
        String image = "svg".equals(r.param("image")) ? "svg" : "png";
        String name = "labels-" + gtin + "-" + lot + (pdf ? ".pdf" : "-" + image + ".zip");
        r.download(ProductPaths.apiLot(gtin, lot) + "/labels?format=" + (pdf ? "pdf" : "zip&image=" + image),
                pdf ? "application/pdf" : "application/zip", name);
    }

    private void codes(ConsoleRequest r) {
        String gtin = r.param("gtin");
        String lot = r.param("lot");
        r.download(ProductPaths.apiLot(gtin, lot) + "/items?limit=" + MAX_ISSUE, "text/csv", "codes-" + gtin + "-" + lot + ".csv");
    }

    private void issue(ConsoleRequest r) {
        String gtin = r.param("gtin");
        String lot = r.param("lot");
        String back = ProductPaths.page(ProductPaths.lot(gtin, lot));
        int count;
        try {
            count = Integer.parseInt(r.form("count") == null ? "" : r.form("count").trim());
        } catch (NumberFormatException e) {
            ProductView.formProblem(r, new ProductForm.Problem(r.t("How many: is not a whole number", "数量：不是整数")), back);
            return;
        }
        JsonObject body = new JsonObject().put("count", count);
        if ("true".equals(r.form("chinaDrugCodes"))) {
            body.put("chinaDrugCodes", true);
        }
        r.call(HttpMethod.POST, ProductPaths.apiLot(gtin, lot) + "/items", body).onSuccess(a -> {
            if (a.status() != 201) {
                r.failed(a);
                return;
            }
            r.redirect(ProductPaths.lot(gtin, lot), r.t("Issued " + a.json().getInteger("count") + " codes.",
                    "已发放 " + a.json().getInteger("count") + " 个追溯码。"));
        }).onFailure(r::fail);
    }

    private void edit(ConsoleRequest r) {
        String gtin = r.param("gtin");
        String lot = r.param("lot");
        JsonObject body;
        try {
            body = new ProductForm(r, true).time("producedAt", r.t("Produced at", "生产时间")).date("expiresOn").json();
        } catch (ProductForm.Problem e) {
            ProductView.formProblem(r, e, ProductPaths.page(ProductPaths.lot(gtin, lot)));
            return;
        }
        patch(r, gtin, lot, body, r.t("Lot saved.", "批次已保存。"));
    }

    private void retire(ConsoleRequest r) {
        boolean retire = "true".equals(r.form("retired"));
        patch(r, r.param("gtin"), r.param("lot"), new JsonObject().put("retired", retire),
                retire ? r.t("Lot retired.", "批次已停用。") : r.t("Lot reinstated.", "批次已恢复使用。"));
    }

    private static void patch(ConsoleRequest r, String gtin, String lot, JsonObject body, String done) {
        r.call(HttpMethod.PATCH, ProductPaths.apiLot(gtin, lot), body).onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            r.redirect(ProductPaths.lot(gtin, lot), done);
        }).onFailure(r::fail);
    }

    private static String itemStatus(ConsoleRequest r, String s) {
        return switch (s == null ? "" : s) {
            case "active" -> r.t("active", "在用");
            case "dispensed" -> r.t("dispensed", "已售出");
            case "retired" -> r.t("retired", "已停用");
            default -> s;
        };
    }

    private static void download(StringBuilder b, String href, String text) {
        b.append("<li class=\"card\"><a href=\"").append(Html.esc(href)).append("\" download>").append(Html.esc(text)).append("</a></li>");
    }

    private static void row(StringBuilder b, String head, String value) {
        b.append("<tr><th>").append(Html.esc(head)).append("</th><td>").append(Html.esc(value)).append("</td></tr>");
    }
}
