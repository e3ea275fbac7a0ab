package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * Cold-chain excursions ({@code GET /v1/excursions}): a company's own, a regulator's across companies,
 * filtered by days and product (and organisation, for a regulator), each affected lot linking to its page.
 */
final class ExcursionView implements ConsoleView {
    static final String PATH = "/excursions";

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav(PATH, "Excursions", "温度偏离", ApiRole.COMPANY, ApiRole.REGULATOR);
        routes.get(PATH, ConsoleRoutes.COMPANY_OR_REGULATOR, ExcursionView::page);
    }

    private static void page(ConsoleRequest r) {
        ExcursionFilter f = ExcursionFilter.of(r);
        StringBuilder b = new StringBuilder();
        form(r, f, b);
        if (f.problem() != null) {
            b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(f.problem())).append("</p>");
            r.render(400, r.t("Excursions", "温度偏离"), b.toString());
            return;
        }
        r.get("/v1/excursions" + f.query()).onSuccess(a -> {
            if (!a.ok()) {
                b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(a.problem())).append("</p>");
                r.render(a.status() >= 400 && a.status() < 600 ? a.status() : 502, r.t("Excursions", "温度偏离"), b.toString());
                return;
            }
            table(r, a.json(), b);
            r.render(r.t("Excursions", "温度偏离"), b.toString());
        }).onFailure(r::fail);
    }

    private static void form(ConsoleRequest r, ExcursionFilter f, StringBuilder b) {
        b.append("<form class=\"stack\" method=\"get\" action=\"/console").append(PATH).append("\">")
                .append("<label for=\"exc-from\">").append(Html.esc(r.t("From (day, UTC)", "起始日期（UTC）")))
                .append("<input id=\"exc-from\" name=\"from\" type=\"date\" value=\"").append(Html.esc(f.from())).append("\"></label>")
                .append("<label for=\"exc-to\">").append(Html.esc(r.t("To (day, UTC, included)", "截止日期（UTC，含当天）")))
                .append("<input id=\"exc-to\" name=\"to\" type=\"date\" value=\"").append(Html.esc(f.to())).append("\"></label>")
                .append("<label for=\"exc-product\">").append(Html.esc(r.t("Product (GTIN)", "产品（GTIN）")))
                .append("<input id=\"exc-product\" name=\"product\" inputmode=\"numeric\" pattern=\"[0-9]{8,14}\" value=\"")
                .append(Html.esc(f.product())).append("\"></label>");
        if (r.user().role() == ApiRole.REGULATOR) {
            b.append("<label for=\"exc-org\">").append(Html.esc(r.t("Organisation", "组织")))
                    .append("<input id=\"exc-org\" name=\"org\" value=\"").append(Html.esc(f.org())).append("\"></label>");
        }
        b.append("<div><button type=\"submit\">").append(Html.esc(r.t("Show", "查询"))).append("</button></div></form>");
    }

    private static void table(ConsoleRequest r, JsonObject answer, StringBuilder b) {
        JsonArray list = answer.getJsonArray("excursions", new JsonArray());
        b.append("<p id=\"exc-summary\">").append(Html.esc(r.t(list.size() + " excursions in " + answer.getInteger("lotsExamined", 0)
                + " lots examined", "共 " + list.size() + " 次温度偏离，检查了 " + answer.getInteger("lotsExamined", 0) + " 个批次")));
        if (answer.getBoolean("truncated", false)) {
            b.append(Html.esc(r.t(" (only the newest lots were examined; narrow the filters)", "（仅检查了最新的批次，请缩小筛选范围）")));
        }
        b.append("</p>");
        if (list.isEmpty()) {
            return;
        }
        b.append("<div class=\"scroll\"><table id=\"excursions\"><thead><tr>");
        for (String[] h : new String[][] {{"Start", "开始"}, {"End", "结束"}, {"Minutes", "分钟"}, {"Peak °C", "峰值 °C"},
                {"Band", "方向"}, {"Device", "设备"}, {"Location", "地点"}, {"Lots", "批次"}}) {
            b.append("<th scope=\"col\">").append(Html.esc(r.t(h[0], h[1]))).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (Object o : list) {
            JsonObject x = (JsonObject) o;
            boolean above = "above".equals(x.getString("direction"));
            b.append("<tr><td>").append(Html.esc(EpcisJobPage.time(x.getString("start")))).append("</td><td>")
                    .append(Html.esc(x.getBoolean("ongoing", false) ? r.t("ongoing", "持续中") : EpcisJobPage.time(x.getString("end"))))
                    .append("</td><td class=\"num\">").append(Html.esc(x.getValue("durationMinutes")))
                    .append("</td><td class=\"num bad\">").append(Html.esc(x.getValue("peakC")))
                    .append("</td><td>").append(Html.esc(above ? r.t("above", "高于上限") : r.t("below", "低于下限")))
                    .append("</td><td>").append(Html.esc(x.getString("device", ""))).append("</td><td>")
                    .append(Html.esc(x.getString("location", ""))).append("</td><td>");
            lots(r, x.getJsonArray("lots", new JsonArray()), b);
            b.append("</td></tr>");
        }
        b.append("</tbody></table></div>");
    }

    private static void lots(ConsoleRequest r, JsonArray lots, StringBuilder b) {
        b.append("<ul class=\"exc-lots\">");
        for (Object o : lots) {
            JsonObject l = (JsonObject) o;
            b.append("<li><a href=\"/console/lots/").append(Html.esc(enc(l.getString("gtin")))).append('/')
                    .append(Html.esc(enc(l.getString("lot")))).append("\">").append(Html.esc(l.getString("product", l.getString("gtin"))))
                    .append(" · ").append(Html.esc(r.t("lot ", "批次 "))).append(Html.esc(l.getString("lot"))).append("</a>");
            if (r.user().role() == ApiRole.REGULATOR && l.getString("org") != null) {
                b.append(" <span class=\"muted\">(").append(Html.esc(l.getString("org"))).append(")</span>");
            }
            b.append("</li>");
        }
        b.append("</ul>");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The page's filters as given, and the API query they make; a day that is not a date is a problem. */
    record ExcursionFilter(String from, String to, String product, String org, String query, String problem) {
        static ExcursionFilter of(ConsoleRequest r) {
            String from = trim(r.param("from"));
            String to = trim(r.param("to"));
            String product = trim(r.param("product"));
            String org = r.user().role() == ApiRole.REGULATOR ? trim(r.param("org")) : "";
            StringBuilder q = new StringBuilder();
            try {
                DayRange.append(q, from, to);
            } catch (DateTimeParseException e) {
                return new ExcursionFilter(from, to, product, org, "", DayRange.problem(r));
            }
            if (!product.isEmpty()) {
                q.append("&product=").append(URLEncoder.encode(product, StandardCharsets.UTF_8));
            }
            if (!org.isEmpty()) {
                q.append("&org=").append(URLEncoder.encode(org, StandardCharsets.UTF_8));
            }
            return new ExcursionFilter(from, to, product, org, q.isEmpty() ? "" : "?" + q.substring(1), null);
        }

        private static String trim(String s) {
            return s == null ? "" : s.trim();
        }
    }
}
