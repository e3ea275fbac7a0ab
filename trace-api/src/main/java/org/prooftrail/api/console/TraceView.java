package org.prooftrail.api.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.prooftrail.api.page.Html;
import org.prooftrail.core.trace.TraceId;

/**
 * Search by any code and the trace it leads to: {@code /console/search} reads the code and says what it
 * understood (and whether the API knows it for this account); {@code /console/trace} draws the forward and
 * back traces of {@code GET /v1/trace/{code}} as one graph with a table of the same, and
 * {@code /console/trace/recall.csv} streams the API's recall list. The API decides what each role sees: a
 * company sees its own events' nodes only.
 */
final class TraceView implements ConsoleView {
    /** The recall CSV asks for the API's largest page, not the graph's. */
    static final int RECALL_LIMIT = 100_000;

    @Override
    public void mount(ConsoleRoutes routes) {
        routes.nav("/search", "Search and trace", "搜索与追溯");
        routes.get("/search", ConsoleRoutes.ANY, this::search);
        routes.get("/trace", ConsoleRoutes.ANY, this::trace);
        routes.get("/trace/recall.csv", ConsoleRoutes.ANY, r -> {
            String code = r.param("code");
            if (code == null || code.isBlank()) {
                r.redirect("/search", r.t("Name a code to trace.", "请输入要追溯的编码。"));
                return;
            }
            r.download(apiPath(code, "forward") + "&limit=" + RECALL_LIMIT, "text/csv", "recall-" + fileTag(code) + ".csv");
        });
    }

    static String apiPath(String code, String direction) {
        return "/v1/trace/" + enc(code) + "?direction=" + direction;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What a recall file is named after: the lot when the code names one, else the item or container, else the code. */
    static String fileTag(String code) {
        TraceCodeReading reading = TraceCodeReading.read(code, null, null);
        TraceId id = reading.id();
        if (id == null) {
            return code;
        }
        return id.lot() != null ? id.lot() : id.serial() != null ? id.serial() : code;
    }

    private void search(ConsoleRequest r) {
        String q = r.param("q");
        String gtin = r.param("gtin");
        String lot = r.param("lot");
        StringBuilder b = new StringBuilder();
        b.append("<form class=\"stack trace-search\" method=\"get\" action=\"/console/search\" role=\"search\">")
                .append("<label for=\"q\">").append(Html.esc(r.t("Code: Digital Link, China drug code, GTIN and lot, or EPC URN",
                        "编码：数字链接、药品追溯码、GTIN 与批号，或 EPC URN")))
                .append("<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" value=\"")
                .append(Html.esc(q == null ? "" : q)).append("\"></label><fieldset><legend>")
                .append(Html.esc(r.t("Or a GTIN and a lot", "或填写 GTIN 与批号"))).append("</legend><label for=\"gtin\">GTIN")
                .append("<input id=\"gtin\" name=\"gtin\" inputmode=\"numeric\" value=\"").append(Html.esc(gtin == null ? "" : gtin))
                .append("\"></label><label for=\"lot\">").append(Html.esc(r.t("Lot", "批号")))
                .append("<input id=\"lot\" name=\"lot\" value=\"").append(Html.esc(lot == null ? "" : lot)).append("\"></label></fieldset>")
                .append("<button type=\"submit\">").append(Html.esc(r.t("Search", "搜索"))).append("</button></form>");
        boolean asked = q != null && !q.isBlank() || gtin != null && !gtin.isBlank();
        if (!asked) {
            r.render(r.t("Search by code", "按编码搜索"), b.append(examples(r)).toString());
            return;
        }
        TraceCodeReading reading = TraceCodeReading.read(q, gtin, lot);
        b.append("<section class=\"trace-reading\" aria-live=\"polite\"><h2>").append(Html.esc(r.t("What was understood", "识别结果")))
                .append("</h2><p id=\"understood\">").append(Html.esc(reading.explain(r.lang()))).append("</p>");
        if (!reading.traceable()) {
            b.append("<p class=\"problem\">").append(Html.esc(r.t("This cannot be traced: ", "无法追溯："))).append(Html.esc(reading.problem()))
                    .append("</p></section>");
            r.render(400, r.t("Search by code", "按编码搜索"), b.toString());
            return;
        }
        // one node, one level: enough to learn whether the API knows the code for this account
        r.get(apiPath(reading.code(), "forward") + "&limit=1&depth=1").onSuccess(a -> {
            if (a.ok()) {
                JsonObject t = a.json();
                b.append("<p>").append(Html.esc(r.t("Found: ", "已找到："))).append("<code>").append(Html.esc(t.getString("id"))).append("</code></p>")
                        .append("<p><a class=\"button\" id=\"open-trace\" href=\"/console/trace?code=").append(Html.esc(enc(reading.code())))
                        .append("\">").append(Html.esc(r.t("Open the trace graph", "打开追溯关系图"))).append("</a></p></section>");
                r.render(r.t("Search by code", "按编码搜索"), b.toString());
            } else if (a.status() == 404 || a.status() == 400) {
                b.append("<p class=\"problem\" id=\"not-found\">").append(Html.esc(a.status() == 404
                        ? r.t("Not found among the events you may see. ", "在您可查看的事件中未找到。") : ""))
                        .append(Html.esc(a.problem())).append("</p></section>");
                r.render(a.status(), r.t("Search by code", "按编码搜索"), b.toString());
            } else {
                r.failed(a);
            }
        }).onFailure(r::fail);
    }

    private static String examples(ConsoleRequest r) {
        return "<p>" + Html.esc(r.t("For example:", "例如：")) + "</p><ul class=\"trace-examples\">"
                + "<li><code>https://id.gs1.org/01/09506000134352/10/L1/21/S1</code> " + Html.esc(r.t("(Digital Link)", "（数字链接）")) + "</li>"
                + "<li><code>/01/09506000134352/10/L1</code> " + Html.esc(r.t("(Digital Link path of a lot)", "（批次的数字链接路径）")) + "</li>"
                + "<li><code>81234567890123456789</code> " + Html.esc(r.t("(China drug code, 20 digits)", "（药品追溯码，20 位）")) + "</li>"
                + "<li><code>09506000134352 L1</code> " + Html.esc(r.t("(GTIN and lot)", "（GTIN 与批号）")) + "</li>"
                + "<li><code>urn:epc:id:sgtin:9506000.013435.S1</code> " + Html.esc(r.t("(EPC URN)", "（EPC URN）")) + "</li></ul>";
    }

    private void trace(ConsoleRequest r) {
        String code = r.param("code");
        if (code == null || code.isBlank()) {
            r.redirect("/search", r.t("Name a code to trace.", "请输入要追溯的编码。"));
            return;
        }
        Future.all(r.get(apiPath(code, "forward")), r.get(apiPath(code, "back"))).onSuccess(both -> {
            ApiAnswer forward = both.resultAt(0);
            ApiAnswer back = both.resultAt(1);
            if (!forward.ok() && !back.ok()) {
                r.failed(forward);
                return;
            }
            JsonObject f = forward.ok() ? forward.json() : null;
            JsonObject bk = back.ok() ? back.json() : null;
            TraceGraph graph = TraceGraph.of(f, bk, r.lang());
            r.render(r.t("Trace", "追溯"), TracePage.body(r, code, f, bk, graph));
        }).onFailure(r::fail);
    }
}
