package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.page.Html;

/** The body of the trace page: what was traced, the recall download, what the answer left out, the graph and its table. */
final class TracePage {
    private TracePage() {
    }

    static String body(ConsoleRequest r, String code, JsonObject forward, JsonObject back, TraceGraph graph) {
        JsonObject any = forward != null ? forward : back;
        StringBuilder b = new StringBuilder("<dl class=\"trace-facts\"><dt>").append(Html.esc(r.t("Code", "编码"))).append("</dt><dd><code>")
                .append(Html.esc(code)).append("</code></dd><dt>").append(Html.esc(r.t("Traced as", "追溯对象"))).append("</dt><dd><code>")
                .append(Html.esc(any.getString("id"))).append("</code> (").append(Html.esc(kind(r, any.getString("kind")))).append(")</dd><dt>")
                .append(Html.esc(r.t("Scope", "范围"))).append("</dt><dd>").append(Html.esc(scope(r, any.getString("scope"))))
                .append("</dd><dt>").append(Html.esc(r.t("Affected (forward)", "受影响（向后）"))).append("</dt><dd>");
        if (forward != null) {
            b.append(Html.esc(r.t(count(forward, "item") + " items, " + count(forward, "container") + " cases or pallets, "
                            + forward.getJsonArray("locations").size() + " receiving locations",
                    count(forward, "item") + " 个单品，" + count(forward, "container") + " 个箱或托盘，"
                            + forward.getJsonArray("locations").size() + " 个收货地点")));
        } else {
            b.append("—");
        }
        b.append("</dd></dl><p><a class=\"button\" id=\"recall-csv\" href=\"/console/trace/recall.csv?code=").append(Html.esc(TraceView.enc(code)))
                .append("\" download>").append(Html.esc(r.t("Download recall list (CSV)", "下载召回清单（CSV）"))).append("</a> <a href=\"/console/search\">")
                .append(Html.esc(r.t("New search", "重新搜索"))).append("</a></p>");
        notes(r, b, forward, back);
        if (graph.isEmpty()) {
            b.append("<p>").append(Html.esc(r.t("Nothing to draw.", "没有可显示的节点。"))).append("</p>");
        } else {
            b.append(TraceSvg.of(graph, r.lang())).append(TraceTable.of(graph, r.lang()));
        }
        return b.toString();
    }

    private static void notes(ConsoleRequest r, StringBuilder b, JsonObject forward, JsonObject back) {
        StringBuilder n = new StringBuilder();
        for (JsonObject t : new JsonObject[] {forward, back}) {
            if (t == null) {
                continue;
            }
            String dir = "forward".equals(t.getString("direction")) ? r.t("Forward", "向后追踪") : r.t("Back", "向前溯源");
            if (t.getBoolean("truncated", false)) {
                n.append("<li>").append(Html.esc(dir + r.t(": the answer was cut (" + t.getJsonArray("truncatedBy").encode()
                        + "); the graph shows its first page, the recall CSV up to " + TraceView.RECALL_LIMIT + " nodes.",
                        "：结果被截断（" + t.getJsonArray("truncatedBy").encode() + "）；图中只显示第一页，召回清单 CSV 最多 "
                                + TraceView.RECALL_LIMIT + " 个节点。"))).append("</li>");
            }
            JsonObject hidden = t.getJsonObject("hidden");
            if (hidden != null && (hidden.getInteger("nodes", 0) > 0 || hidden.getInteger("events", 0) > 0)) {
                n.append("<li>").append(Html.esc(dir + r.t(": " + hidden.getInteger("nodes") + " nodes and " + hidden.getInteger("events")
                        + " events of other organisations are not shown to your organisation.", "：另有 " + hidden.getInteger("nodes")
                        + " 个节点和 " + hidden.getInteger("events") + " 个其他组织的事件不向您的组织显示。"))).append("</li>");
            }
            JsonArray claims = t.getJsonArray("unconfirmedClaims", new JsonArray());
            if (!claims.isEmpty()) {
                n.append("<li>").append(Html.esc(dir + r.t(": " + claims.size() + " events by organisations without the right to write "
                        + "about these goods are left out (unconfirmed claims).", "：" + claims.size() + " 个由无权记录这些货物的组织写入的事件未计入（未确认声明）。")))
                        .append("</li>");
            }
        }
        if (back != null && !back.getJsonArray("plantings", new JsonArray()).isEmpty()) {
            n.append("<li>").append(Html.esc(r.t(back.getJsonArray("farmPlots").size() + " farm plots, "
                    + back.getJsonArray("plantings").size() + " plantings and " + back.getJsonArray("inputApplications").size()
                    + " input applications in the season of the origin lots.", "源头批次所在季节：" + back.getJsonArray("farmPlots").size()
                    + " 个地块，" + back.getJsonArray("plantings").size() + " 次种植，" + back.getJsonArray("inputApplications").size()
                    + " 次投入品施用。"))).append("</li>");
        }
        if (forward == null || back == null) {
            n.append("<li>").append(Html.esc(r.t("Only one direction could be traced for your account.", "您的账户只能追溯一个方向。")))
                    .append("</li>");
        }
        if (!n.isEmpty()) {
            b.append("<ul class=\"trace-notes\">").append(n).append("</ul>");
        }
    }

    private static long count(JsonObject t, String kind) {
        return TraceGraph.nodes(t).stream().filter(n -> kind.equals(n.getString("kind"))).count();
    }

    private static String kind(ConsoleRequest r, String kind) {
        return switch (kind == null ? "" : kind) {
            case "item" -> r.t("item", "单品");
            case "lot" -> r.t("lot", "批次");
            case "container" -> r.t("case or pallet", "箱或托盘");
            default -> r.t("other", "其他");
        };
    }

    private static String scope(ConsoleRequest r, String scope) {
        if ("all organisations".equals(scope)) {
            return r.t("all organisations", "所有组织");
        }
        return scope != null && scope.startsWith("organisation ") ? r.t(scope, "组织 " + scope.substring("organisation ".length())) : String.valueOf(scope);
    }
}
