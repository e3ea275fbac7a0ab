package org.prooftrail.api.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.api.page.Html;

/** The nodes and links of a {@link TraceGraph} as a table: what the picture shows, for screen readers and copying. */
final class TraceTable {
    private TraceTable() {
    }

    static String of(TraceGraph g, Lang lang) {
        Map<String, TraceGraph.Node> byId = new HashMap<>();
        g.columns().values().forEach(c -> c.forEach(n -> byId.put(n.id(), n)));
        Map<String, List<String>> linked = new HashMap<>();
        for (TraceGraph.Edge e : g.edges()) {
            linked.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
            linked.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"trace-table\"><caption>")
                .append(Html.esc(lang.pick("Nodes of the trace and what each is linked with", "追溯节点及其关联"))).append("</caption><thead><tr><th scope=\"col\">")
                .append(Html.esc(lang.pick("Stage", "环节"))).append("</th><th scope=\"col\">").append(Html.esc(lang.pick("What", "内容")))
                .append("</th><th scope=\"col\">").append(Html.esc(lang.pick("Identifier", "标识"))).append("</th><th scope=\"col\">")
                .append(Html.esc(lang.pick("Linked with", "关联"))).append("</th></tr></thead><tbody>");
        for (TraceStage s : TraceStage.values()) {
            for (TraceGraph.Node n : g.columns().get(s)) {
                b.append("<tr><td>").append(Html.esc(s.label(lang))).append("</td><td>").append(Html.esc(n.label()))
                        .append("<br><small>").append(Html.esc(n.sub())).append("</small></td><td class=\"trace-id\">");
                if (n.traceable() && !n.id().equals(g.start())) {
                    b.append("<a href=\"/console/trace?code=").append(Html.esc(URLEncoder.encode(n.id(), StandardCharsets.UTF_8)))
                            .append("\">").append(Html.esc(n.id())).append("</a>");
                } else {
                    b.append(Html.esc(n.id()));
                }
                b.append("</td><td>");
                List<String> with = linked.getOrDefault(n.id(), List.of());
                for (int i = 0; i < with.size(); i++) {
                    TraceGraph.Node other = byId.get(with.get(i));
                    b.append(i == 0 ? "" : "; ").append(Html.esc(other.label() + " (" + other.stage().label(lang) + ")"));
                }
                b.append("</td></tr>");
            }
            if (g.more().get(s) > 0) {
                b.append("<tr><td>").append(Html.esc(s.label(lang))).append("</td><td colspan=\"3\">").append(Html.esc(lang.pick(
                        "and " + g.more().get(s) + " more, listed in the recall CSV", "另有 " + g.more().get(s) + " 个，见召回清单 CSV")))
                        .append("</td></tr>");
            }
        }
        return b.append("</tbody></table></div>").toString();
    }
}
