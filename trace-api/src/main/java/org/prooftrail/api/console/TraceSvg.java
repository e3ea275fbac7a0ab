package org.prooftrail.api.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.api.page.Html;

/**
 * A {@link TraceGraph} drawn as SVG on the server: one column per stage that has nodes, boxes at a fixed
 * size (the page scrolls sideways on a phone rather than shrinking the text), each with a {@code <title>}
 * holding the full identifier; boxes of lots, items and containers link to their own trace.
 */
final class TraceSvg {
    static final int COLUMN = 190;
    static final int BOX_W = 160;
    static final int BOX_H = 42;
    static final int GAP = 12;
    static final int TOP = 34;
    static final int PAD = 10;

    private TraceSvg() {
    }

    private record Box(TraceGraph.Node node, int x, int y) {
    }

    static String of(TraceGraph g, Lang lang) {
        List<TraceStage> stages = new ArrayList<>();
        for (TraceStage s : TraceStage.values()) {
            if (!g.columns().get(s).isEmpty()) {
                stages.add(s);
            }
        }
        int rows = 0;
        for (TraceStage s : stages) {
            rows = Math.max(rows, g.columns().get(s).size() + (g.more().get(s) > 0 ? 1 : 0));
        }
        int width = PAD * 2 + stages.size() * COLUMN - (COLUMN - BOX_W);
        int height = TOP + rows * (BOX_H + GAP) + PAD;
        Map<String, Box> boxes = new HashMap<>();
        StringBuilder body = new StringBuilder();
        for (int c = 0; c < stages.size(); c++) {
            TraceStage s = stages.get(c);
            int x = PAD + c * COLUMN;
            body.append("<text class=\"trace-head\" x=\"").append(x).append("\" y=\"20\">").append(Html.esc(s.label(lang))).append("</text>");
            List<TraceGraph.Node> col = g.columns().get(s);
            for (int i = 0; i < col.size(); i++) {
                boxes.put(col.get(i).id(), new Box(col.get(i), x, TOP + i * (BOX_H + GAP)));
            }
            if (g.more().get(s) > 0) {
                int y = TOP + col.size() * (BOX_H + GAP);
                body.append("<g class=\"trace-more\"><title>").append(Html.esc(lang.pick(
                        g.more().get(s) + " more, listed in the recall CSV", "另有 " + g.more().get(s) + " 个，见召回清单 CSV")))
                        .append("</title><rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W)
                        .append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/><text x=\"").append(x + 10).append("\" y=\"")
                        .append(y + 26).append("\">+").append(g.more().get(s)).append(lang.pick(" more", " 个")).append("</text></g>");
            }
        }
        StringBuilder links = new StringBuilder();
        for (TraceGraph.Edge e : g.edges()) {
            Box a = boxes.get(e.from());
            Box b = boxes.get(e.to());
            if (a.x() > b.x()) {
                Box t = a;
                a = b;
                b = t;
            }
            int ay = a.y() + BOX_H / 2;
            int by = b.y() + BOX_H / 2;
            if (a.x() == b.x()) { // within a column (a case on a pallet): a bend to the right
                int x = a.x() + BOX_W;
                links.append("<path class=\"trace-link\" d=\"M").append(x).append(' ').append(ay).append(" C").append(x + 24).append(' ')
                        .append(ay).append(' ').append(x + 24).append(' ').append(by).append(' ').append(x).append(' ').append(by).append("\"/>");
            } else {
                int ax = a.x() + BOX_W;
                int bx = b.x();
                int mid = (ax + bx) / 2;
                links.append("<path class=\"trace-link\" d=\"M").append(ax).append(' ').append(ay).append(" C").append(mid).append(' ')
                        .append(ay).append(' ').append(mid).append(' ').append(by).append(' ').append(bx).append(' ').append(by).append("\"/>");
            }
        }
        StringBuilder nodes = new StringBuilder();
        for (Box box : boxes.values().stream().sorted(java.util.Comparator.comparingInt(Box::x).thenComparingInt(Box::y)).toList()) {
            TraceGraph.Node n = box.node();
            boolean start = n.id().equals(g.start());
            if (n.traceable() && !start) {
                nodes.append("<a href=\"/console/trace?code=").append(Html.esc(URLEncoder.encode(n.id(), StandardCharsets.UTF_8))).append("\">");
            }
            nodes.append("<g class=\"trace-node trace-").append(n.kind()).append(start ? " trace-start" : "").append("\" data-id=\"")
                    .append(Html.esc(n.id())).append("\"><title>").append(Html.esc(n.label() + "\n" + n.title())).append("</title><rect x=\"")
                    .append(box.x()).append("\" y=\"").append(box.y()).append("\" width=\"").append(BOX_W).append("\" height=\"")
                    .append(BOX_H).append("\" rx=\"6\"/><text x=\"").append(box.x() + 8).append("\" y=\"").append(box.y() + 17)
                    .append("\" class=\"trace-label\">").append(Html.esc(TraceText.shorten(n.label(), 21))).append("</text><text x=\"")
                    .append(box.x() + 8).append("\" y=\"").append(box.y() + 33).append("\" class=\"trace-sub\">")
                    .append(Html.esc(TraceText.shorten(n.sub(), 23))).append("</text></g>");
            if (n.traceable() && !start) {
                nodes.append("</a>");
            }
        }
        return "<div class=\"scroll trace-graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"group\" aria-labelledby=\"trace-svg-title\">"
                + "<title id=\"trace-svg-title\">" + Html.esc(lang.pick("Trace graph; the table below lists the same nodes and links",
                "追溯关系图；下表列出相同的节点与关联")) + "</title>"
                + body + "<g class=\"trace-links\">" + links + "</g>" + nodes + "</svg></div>";
    }
}
