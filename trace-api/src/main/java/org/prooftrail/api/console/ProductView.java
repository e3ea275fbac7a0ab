package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * The organisation's products: a list with a form to register one, and each product's page with its
 * details, an edit form, retirement, and its lots with a form for a new one. A company sees and changes
 * its own; regulators and admins read every organisation's (the API decides both).
 */
final class ProductView implements ConsoleView {
    static final int PAGE = 100;

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav("/products", "Products", "产品", ApiRole.COMPANY, ApiRole.REGULATOR, ApiRole.ADMIN);
        routes.get("/products", ConsoleRoutes.ANY, this::list);
        routes.post("/products", ConsoleRoutes.COMPANY, this::create);
        routes.get("/products/:gtin", ConsoleRoutes.ANY, this::show);
        routes.post("/products/:gtin/edit", ConsoleRoutes.COMPANY, this::edit);
        routes.post("/products/:gtin/retire", ConsoleRoutes.COMPANY, this::retire);
        routes.post("/products/:gtin/lots", ConsoleRoutes.COMPANY, this::createLot);
    }

    private void list(ConsoleRequest r) {
        String after = r.param("after");
        String path = "/v1/products?limit=" + PAGE + (after == null ? "" : "&after=" + ProductPaths.segment(after));
        r.get(path).onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            boolean company = r.user().role() == ApiRole.COMPANY;
            JsonArray products = a.json().getJsonArray("products");
            StringBuilder b = new StringBuilder();
            if (products.isEmpty()) {
                b.append("<p class=\"muted\">").append(Html.esc(r.t("No products yet.", "还没有产品。"))).append("</p>");
            } else {
                b.append("<div class=\"scroll\"><table><thead><tr><th>").append(Html.esc(r.t("GTIN", "商品条码")))
                        .append("</th><th>").append(Html.esc(r.t("Name", "名称")));
                if (!company) {
                    b.append("</th><th>").append(Html.esc(r.t("Organisation", "组织")));
                }
                b.append("</th><th>").append(Html.esc(r.t("Category", "类别"))).append("</th><th class=\"num\">")
                        .append(Html.esc(r.t("Lots", "批次数"))).append("</th><th>").append(Html.esc(r.t("Status", "状态")))
                        .append("</th><th>").append(Html.esc(r.t("Registered", "登记时间"))).append("</th></tr></thead><tbody>");
                for (int i = 0; i < products.size(); i++) {
                    JsonObject p = products.getJsonObject(i);
                    b.append("<tr><td><a href=\"").append(Html.esc(ProductPaths.page(ProductPaths.product(p.getString("gtin")))))
                            .append("\">").append(Html.esc(p.getString("gtin"))).append("</a></td><td>")
                            .append(Html.esc(p.getString("name")));
                    if (!company) {
                        b.append("</td><td>").append(Html.esc(p.getString("org")));
                    }
                    b.append("</td><td>").append(Html.esc(ProductRule.category(r, p.getString("category")))).append("</td><td class=\"num\">")
                            .append(p.getLong("lotCount")).append("</td><td>").append(ProductHtml.status(r, p))
                            .append("</td><td>").append(Html.esc(ProductHtml.when(p.getString("createdAt")))).append("</td></tr>");
                }
                b.append("</tbody></table></div>");
            }
            String next = a.json().getString("next");
            if (next != null) {
                b.append("<p><a href=\"/console/products?after=").append(Html.esc(ProductPaths.segment(next))).append("\">")
                        .append(Html.esc(r.t("Next page", "下一页"))).append("</a></p>");
            }
            if (company) {
                b.append("<h2>").append(Html.esc(r.t("Register a product", "登记产品"))).append("</h2>")
                        .append("<form class=\"stack\" method=\"post\" action=\"/console/products\">").append(r.csrfField())
                        .append(ProductHtml.input("gtin", r.t("GTIN", "商品条码 GTIN"),
                                r.t("8 to 14 digits; the check digit is verified", "8 至 14 位数字，会核对校验位"),
                                "text", null, "required inputmode=\"numeric\" pattern=\"[0-9]{8,14}\" autocomplete=\"off\""))
                        .append(ProductHtml.input("name", r.t("Name", "名称"), "text", null, "required maxlength=\"200\""))
                        .append("<label for=\"category\">").append(Html.esc(r.t("Category", "类别")))
                        .append("<select id=\"category\" name=\"category\">");
                for (String c : new String[] {"drug", "produce", "other"}) {
                    b.append("<option value=\"").append(c).append("\">").append(Html.esc(ProductRule.category(r, c))).append("</option>");
                }
                b.append("</select></label>").append(ProductRule.fields(r, new JsonObject()))
                        .append(ProductHtml.input("cnDrugId", r.t("China drug identifier", "药品标识码"),
                                r.t("7 digits, drugs only; China drug codes start with it", "7 位数字，仅限药品；药品追溯码以它开头"),
                                "text", null, "inputmode=\"numeric\" pattern=\"[0-9]{7}\""))
                        .append("<button type=\"submit\">").append(Html.esc(r.t("Register", "登记"))).append("</button></form>");
            }
            r.render(r.t("Products", "产品"), b.toString());
        }).onFailure(r::fail);
    }

    private void create(ConsoleRequest r) {
        JsonObject body;
        try {
            body = ProductRule.read(r, new ProductForm(r, false).text("gtin").text("name").text("category")).text("cnDrugId").json();
        } catch (ProductForm.Problem e) {
            formProblem(r, e, "/console/products");
            return;
        }
        r.call(HttpMethod.POST, "/v1/products", body).onSuccess(a -> {
            if (a.status() != 201) {
                r.failed(a);
                return;
            }
            r.redirect(ProductPaths.product(a.json().getString("gtin")), r.t("Product registered.", "产品已登记。"));
        }).onFailure(r::fail);
    }

    private void show(ConsoleRequest r) {
        String gtin = r.param("gtin");
        String after = r.param("after");
        Future<ApiAnswer> product = r.get(ProductPaths.apiProduct(gtin));
        Future<ApiAnswer> lots = r.get(ProductPaths.apiProduct(gtin) + "/lots?limit=" + PAGE
                + (after == null ? "" : "&after=" + ProductPaths.segment(after)));
        Future.all(product, lots).onSuccess(all -> {
            if (!product.result().ok()) {
                r.failed(product.result());
                return;
            }
            if (!lots.result().ok()) {
                r.failed(lots.result());
                return;
            }
            JsonObject p = product.result().json();
            r.render(p.getString("name") + " · " + p.getString("gtin"), productPage(r, p, lots.result().json()));
        }).onFailure(r::fail);
    }

    private String productPage(ConsoleRequest r, JsonObject p, JsonObject lotPage) {
        String gtin = p.getString("gtin");
        String here = ProductPaths.page(ProductPaths.product(gtin));
        boolean company = r.user().role() == ApiRole.COMPANY;
        boolean retired = p.getString("retiredAt") != null;
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table><tbody>");
        row(b, r.t("GTIN", "商品条码"), gtin);
        row(b, r.t("Organisation", "组织"), p.getString("org"));
        row(b, r.t("Category", "类别"), ProductRule.category(r, p.getString("category")));
        row(b, r.t("Cold-chain rule", "温控规则"), ProductRule.text(r, p));
        if (p.getString("cnDrugId") != null) {
            row(b, r.t("China drug identifier", "药品标识码"), p.getString("cnDrugId"));
        }
        row(b, r.t("Registered", "登记时间"), ProductHtml.when(p.getString("createdAt")));
        b.append("<tr><th>").append(Html.esc(r.t("Status", "状态"))).append("</th><td>").append(ProductHtml.status(r, p))
                .append("</td></tr></tbody></table></div>");

        b.append("<h2>").append(Html.esc(r.t("Lots", "批次"))).append("</h2>");
        JsonArray lots = lotPage.getJsonArray("lots");
        if (lots.isEmpty()) {
            b.append("<p class=\"muted\">").append(Html.esc(r.t("No lots yet.", "还没有批次。"))).append("</p>");
        } else {
            b.append("<div class=\"scroll\"><table><thead><tr><th>").append(Html.esc(r.t("Lot", "批号"))).append("</th><th>")
                    .append(Html.esc(r.t("Produced", "生产时间"))).append("</th><th>").append(Html.esc(r.t("Expires", "有效期至")))
                    .append("</th><th class=\"num\">").append(Html.esc(r.t("Codes", "已发码"))).append("</th><th>")
                    .append(Html.esc(r.t("Status", "状态"))).append("</th></tr></thead><tbody>");
            for (int i = 0; i < lots.size(); i++) {
                JsonObject l = lots.getJsonObject(i);
                b.append("<tr><td><a href=\"").append(Html.esc(ProductPaths.page(ProductPaths.lot(gtin, l.getString("lot")))))
                        .append("\">").append(Html.esc(l.getString("lot"))).append("</a></td><td>")
                        .append(Html.esc(ProductHtml.when(l.getString("producedAt")))).append("</td><td>")
                        .append(Html.esc(ProductHtml.when(l.getString("expiresOn")))).append("</td><td class=\"num\">")
                        .append(l.getLong("itemCount")).append("</td><td>").append(ProductHtml.status(r, l)).append("</td></tr>");
            }
            b.append("</tbody></table></div>");
        }
        String next = lotPage.getString("next");
        if (next != null) {
            b.append("<p><a href=\"").append(Html.esc(here)).append("?after=").append(Html.esc(ProductPaths.segment(next)))
                    .append("\">").append(Html.esc(r.t("More lots", "更多批次"))).append("</a></p>");
        }
        if (!company) {
            return b.toString();
        }
        if (!retired) {
            b.append("<h2>").append(Html.esc(r.t("New lot", "新建批次"))).append("</h2><form class=\"stack\" method=\"post\" action=\"")
                    .append(Html.esc(here)).append("/lots\">").append(r.csrfField())
                    .append(ProductHtml.input("lot", r.t("Lot number", "批号"),
                            r.t("Up to 20 letters, digits or !\"%&'()*+,-./:;<=>?_", "最多 20 个字母、数字或 !\"%&'()*+,-./:;<=>?_"),
                            "text", null, "required maxlength=\"20\" autocomplete=\"off\""))
                    .append(ProductHtml.input("producedAt", r.t("Produced at (UTC)", "生产时间（UTC）"), "datetime-local", null, ""))
                    .append(ProductHtml.input("expiresOn", r.t("Expires on", "有效期至"), "date", null, ""))
                    .append("<button type=\"submit\">").append(Html.esc(r.t("Create lot", "新建批次"))).append("</button></form>");
        }
        b.append("<h2>").append(Html.esc(r.t("Edit", "修改"))).append("</h2><form class=\"stack\" method=\"post\" action=\"")
                .append(Html.esc(here)).append("/edit\">").append(r.csrfField())
                .append(ProductHtml.input("name", r.t("Name", "名称"), "text", p.getString("name"), "required maxlength=\"200\""))
                .append("<p class=\"muted\">").append(Html.esc(r.t(
                        "The cold-chain rule can change only until the first code of the product is issued: verdicts already shown were judged by it.",
                        "产品一旦发码，温控规则就不能再改：已显示的判定都按它得出。"))).append("</p>")
                .append(ProductRule.fields(r, p)).append("<button type=\"submit\">").append(Html.esc(r.t("Save", "保存")))
                .append("</button></form>");
        b.append("<h2>").append(Html.esc(retired ? r.t("Reinstate", "恢复使用") : r.t("Retire", "停用"))).append("</h2><p class=\"muted\">")
                .append(Html.esc(r.t("A retired product keeps its lots, codes and history, and its codes still resolve; it takes no new lots or codes.",
                        "停用的产品保留其批次、追溯码和全部记录，追溯码仍可查询，但不能再新建批次或发码。")))
                .append("</p><form class=\"stack\" method=\"post\" action=\"").append(Html.esc(here)).append("/retire\">")
                .append(r.csrfField()).append("<input type=\"hidden\" name=\"retired\" value=\"").append(!retired).append("\">")
                .append("<button type=\"submit\"").append(retired ? " class=\"secondary\"" : " class=\"danger\"").append(">")
                .append(Html.esc(retired ? r.t("Reinstate product", "恢复使用产品") : r.t("Retire product", "停用产品")))
                .append("</button></form>");
        return b.toString();
    }

    private void edit(ConsoleRequest r) {
        String gtin = r.param("gtin");
        JsonObject body;
        try {
            body = ProductRule.read(r, new ProductForm(r, true).text("name")).json();
        } catch (ProductForm.Problem e) {
            formProblem(r, e, ProductPaths.page(ProductPaths.product(gtin)));
            return;
        }
        r.call(HttpMethod.PATCH, ProductPaths.apiProduct(gtin), body).onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            r.redirect(ProductPaths.product(gtin), r.t("Product saved.", "产品已保存。"));
        }).onFailure(r::fail);
    }

    private void retire(ConsoleRequest r) {
        String gtin = r.param("gtin");
        boolean retire = "true".equals(r.form("retired"));
        r.call(HttpMethod.PATCH, ProductPaths.apiProduct(gtin), new JsonObject().put("retired", retire)).onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            r.redirect(ProductPaths.product(gtin), retire ? r.t("Product retired.", "产品已停用。")
                    : r.t("Product reinstated.", "产品已恢复使用。"));
        }).onFailure(r::fail);
    }

    private void createLot(ConsoleRequest r) {
        String gtin = r.param("gtin");
        JsonObject body;
        try {
            body = new ProductForm(r, false).text("lot").time("producedAt", r.t("Produced at", "生产时间")).date("expiresOn").json();
        } catch (ProductForm.Problem e) {
            formProblem(r, e, ProductPaths.page(ProductPaths.product(gtin)));
            return;
        }
        r.call(HttpMethod.POST, ProductPaths.apiProduct(gtin) + "/lots", body).onSuccess(a -> {
            if (a.status() != 201) {
                r.failed(a);
                return;
            }
            r.redirect(ProductPaths.lot(gtin, a.json().getString("lot")), r.t("Lot created.", "批次已创建。"));
        }).onFailure(r::fail);
    }

    // --- shared pieces ---

    private static void row(StringBuilder b, String head, String value) {
        b.append("<tr><th>").append(Html.esc(head)).append("</th><td>").append(Html.esc(value)).append("</td></tr>");
    }

    /** A form value the console could not send: says which and links back. */
    static void formProblem(ConsoleRequest r, ProductForm.Problem e, String back) {
        r.render(400, r.t("Check the form", "请检查表单"), "<p class=\"problem\">" + Html.esc(e.getMessage())
                + "</p><p><a href=\"" + Html.esc(back) + "\">" + Html.esc(r.t("Back", "返回")) + "</a></p>");
    }
}
