package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.page.Html;

/**
 * Alerts ({@code GET /v1/alerts}): a regulator's across companies, a company's about its own products,
 * a page at a time, grouped by kind (second sales and sales of withdrawn packs, clone warnings, seq
 * gaps, then any other kind), with filters and the same selection as a CSV download.
 */
final class AlertView implements ConsoleView {
    static final String PATH = "/alerts";
    static final int PAGE = 100;
    /** The CSV holds the newest alerts that match, at most the API's largest page. */
    static final int CSV_ROWS = 1000;

    /** Kinds in the order their groups are shown, with their headings. */
    private record Kind(String kind, String en, String zh) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("second-sale", "Second sales (double dispensing)", "重复销售（重复调剂）"),
            new Kind("retired-pack-sale", "Sales of withdrawn packs", "已停用包装的销售"),
            new Kind("clone-warning", "Clone warnings", "克隆警告"),
            new Kind("seq-gap", "Sequence gaps (lost envelopes)", "序号缺口（丢失的数据包）"));

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav(PATH, "Alerts", "告警", ApiRole.COMPANY, ApiRole.REGULATOR);
        routes.get(PATH, ConsoleRoutes.COMPANY_OR_REGULATOR, AlertView::page);
        routes.get(PATH + "/alerts.csv", ConsoleRoutes.COMPANY_OR_REGULATOR, r -> {
            AlertQuery q = AlertQuery.of(r);
            if (q.problem() != null) {
                r.render(400, r.t("Alerts", "告警"), "<p class=\"problem\">" + Html.esc(q.problem()) + "</p>");
                return;
            }
            r.download("/v1/alerts?limit=" + CSV_ROWS + q.query(), "text/csv", "alerts.csv");
        });
    }

    private static void page(ConsoleRequest r) {
        AlertQuery q = AlertQuery.of(r);
        StringBuilder b = new StringBuilder();
        form(r, q, b);
        if (q.problem() != null) {
            b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(q.problem())).append("</p>");
            r.render(400, r.t("Alerts", "告警"), b.toString());
            return;
        }
        String token = r.param("page");
        String pageParam = token == null || token.isBlank() ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        r.get("/v1/alerts?limit=" + PAGE + q.query() + pageParam).onSuccess(a -> {
            if (!a.ok()) {
                b.append("<p class=\"problem\" role=\"alert\">").append(Html.esc(a.problem())).append("</p>");
                r.render(a.status() >= 400 && a.status() < 600 ? a.status() : 502, r.t("Alerts", "告警"), b.toString());
                return;
            }
            b.append("<p><a class=\"button secondary\" href=\"/console").append(PATH).append("/alerts.csv")
                    .append(Html.esc(q.query().isEmpty() ? "" : "?" + q.query().substring(1))).append("\" download>")
                    .append(Html.esc(r.t("Download CSV (newest " + CSV_ROWS + ")", "下载 CSV（最新 " + CSV_ROWS + " 条）")))
                    .append("</a></p>");
            groups(r, a.json().getJsonArray("alerts", new JsonArray()), b);
            String next = a.json().getString("nextPageToken");
            if (next != null) {
                b.append("<p><a rel=\"next\" href=\"/console").append(PATH).append("?page=")
                        .append(Html.esc(URLEncoder.encode(next, StandardCharsets.UTF_8))).append(Html.esc(q.query())).append("\">")
                        .append(Html.esc(r.t("Older alerts", "更早的告警"))).append("</a></p>");
            }
            r.render(r.t("Alerts", "告警"), b.toString());
        }).onFailure(r::fail);
    }

    private static void form(ConsoleRequest r, AlertQuery q, StringBuilder b) {
        b.append("<form class=\"stack\" method=\"get\" action=\"/console").append(PATH).append("\">")
                .append("<label for=\"alert-kind\">").append(Html.esc(r.t("Kind", "类型"))).append("<select id=\"alert-kind\" name=\"kind\">")
                .append("<option value=\"\">").append(Html.esc(r.t("all kinds", "全部类型"))).append("</option>");
        for (Kind k : KINDS) {
            b.append("<option value=\"").append(k.kind()).append('"').append(k.kind().equals(q.kind()) ? " selected" : "")
                    .append('>').append(Html.esc(r.t(k.en(), k.zh()))).append("</option>");
        }
        b.append("</select></label><label for=\"alert-from\">").append(Html.esc(r.t("Raised from (day, UTC)", "起始日期（UTC）")))
                .append("<input id=\"alert-from\" name=\"from\" type=\"date\" value=\"").append(Html.esc(q.from())).append("\"></label>")
                .append("<label for=\"alert-to\">").append(Html.esc(r.t("To (day, UTC, included)", "截止日期（UTC，含当天）")))
                .append("<input id=\"alert-to\" name=\"to\" type=\"date\" value=\"").append(Html.esc(q.to())).append("\"></label>");
        if (r.user().role() == ApiRole.REGULATOR) {
            b.append("<label for=\"alert-org\">").append(Html.esc(r.t("Organisation", "组织")))
                    .append("<input id=\"alert-org\" name=\"org\" value=\"").append(Html.esc(q.org())).append("\"></label>");
        }
        b.append("<div><button type=\"submit\">").append(Html.esc(r.t("Show", "查询"))).append("</button></div></form>");
    }

    /** The page's alerts under one heading per kind, in the order of {@link #KINDS}, then other kinds. */
    private static void groups(ConsoleRequest r, JsonArray alerts, StringBuilder b) {
        if (alerts.isEmpty()) {
            b.append("<p class=\"muted\" id=\"alert-none\">").append(Html.esc(r.t("No alerts match.", "没有符合条件的告警。"))).append("</p>");
            return;
        }
        Map<String, JsonArray> byKind = new LinkedHashMap<>();
        KINDS.forEach(k -> byKind.put(k.kind(), new JsonArray()));
        for (Object o : alerts) {
            JsonObject a = (JsonObject) o;
            byKind.computeIfAbsent(a.getString("kind", ""), k -> new JsonArray()).add(a);
        }
        for (Map.Entry<String, JsonArray> e : byKind.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Kind k = KINDS.stream().filter(x -> x.kind().equals(e.getKey())).findFirst().orElse(new Kind(e.getKey(), e.getKey(), e.getKey()));
            b.append("<section id=\"alerts-").append(Html.esc(k.kind())).append("\"><h2>").append(Html.esc(r.t(k.en(), k.zh())))
                    .append(" (").append(e.getValue().size()).append(")</h2>");
            AlertTable.render(r, e.getValue(), b);
            b.append("</section>");
        }
    }

    /** The filters as given and the API query they make (each part starting with {@code &}). */
    record AlertQuery(String kind, String from, String to, String org, String query, String problem) {
        static AlertQuery of(ConsoleRequest r) {
            String kind = trim(r.param("kind"));
            String from = trim(r.param("from"));
            String to = trim(r.param("to"));
            String org = r.user().role() == ApiRole.REGULATOR ? trim(r.param("org")) : "";
            StringBuilder q = new StringBuilder();
            if (!kind.isEmpty()) {
                q.append("&kind=").append(URLEncoder.encode(kind, StandardCharsets.UTF_8));
            }
            try {
                DayRange.append(q, from, to);
            } catch (DateTimeParseException e) {
                return new AlertQuery(kind, from, to, org, "", DayRange.problem(r));
            }
            if (!org.isEmpty()) {
                q.append("&org=").append(URLEncoder.encode(org, StandardCharsets.UTF_8));
            }
            return new AlertQuery(kind, from, to, org, q.toString(), null);
        }

        private static String trim(String s) {
            return s == null ? "" : s.trim();
        }
    }
}
