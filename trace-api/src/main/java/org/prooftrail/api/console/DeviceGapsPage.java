package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.page.Html;

/**
 * One device's missing envelopes: the runs of seqs that never arrived, with the device times of the
 * envelopes either side (getDeviceGaps), a page of 100 runs at a time.
 */
final class DeviceGapsPage {
    static final int PAGE = 100;

    void mount(ConsoleRoutes routes) {
        routes.get("/devices/:id/gaps", ConsoleRoutes.COMPANY, this::page);
    }

    private void page(ConsoleRequest r) {
        String id = r.param("id");
        if (!DeviceText.validId(id)) {
            r.render(404, r.t("No such device", "没有此设备"), "");
            return;
        }
        String after = r.param("afterSeq");
        long afterSeq = -1;
        if (after != null) {
            try {
                afterSeq = Math.max(-1, Long.parseLong(after));
            } catch (NumberFormatException e) {
                afterSeq = -1;
            }
        }
        r.get("/v1/devices/" + id + "/gaps?limit=" + PAGE + "&afterSeq=" + afterSeq).onSuccess(a -> {
            if (!a.ok()) {
                r.failed(a);
                return;
            }
            JsonObject g = a.json();
            StringBuilder b = new StringBuilder(4096);
            b.append("<p><a href=\"/console/devices/").append(Html.esc(id)).append("\">").append(Html.esc(r.t("Device ", "设备 ") + id))
                    .append("</a></p><p>").append(Html.esc(r.t(
                            "Stored " + g.getLong("stored") + " envelopes, seq " + seq(g.getLong("firstSeq")) + " to " + seq(g.getLong("maxSeq"))
                                    + "; " + g.getLong("missing") + " missing in " + g.getLong("gapCount") + " runs.",
                            "已存储 " + g.getLong("stored") + " 个信封，序号 " + seq(g.getLong("firstSeq")) + " 至 " + seq(g.getLong("maxSeq"))
                                    + "；共缺失 " + g.getLong("missing") + " 个，分布于 " + g.getLong("gapCount") + " 段。"))).append("</p>");
            JsonArray gaps = g.getJsonArray("gaps");
            if (gaps.isEmpty()) {
                b.append("<p class=\"good\">").append(Html.esc(r.t("Nothing missing.", "无缺失。"))).append("</p>");
            } else {
                b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">").append(Html.esc(r.t("Missing seqs", "缺失序号")))
                        .append("</th><th scope=\"col\" class=\"num\">").append(Html.esc(r.t("Count", "数量")))
                        .append("</th><th scope=\"col\">").append(Html.esc(r.t("After (device time)", "之前信封（设备时间）")))
                        .append("</th><th scope=\"col\">").append(Html.esc(r.t("Before (device time)", "之后信封（设备时间）")))
                        .append("</th></tr></thead><tbody>");
                for (Object o : gaps) {
                    JsonObject run = (JsonObject) o;
                    b.append("<tr><td>").append(run.getLong("fromSeq")).append(" – ").append(run.getLong("toSeq"))
                            .append("</td><td class=\"num\">").append(run.getLong("missing"))
                            .append("</td><td>").append(Html.esc(DeviceText.time(run.getString("after"))))
                            .append("</td><td>").append(Html.esc(DeviceText.time(run.getString("before")))).append("</td></tr>");
                }
                b.append("</tbody></table></div>");
            }
            if (g.getLong("nextAfterSeq") != null) {
                b.append("<p><a href=\"/console/devices/").append(Html.esc(id)).append("/gaps?afterSeq=").append(g.getLong("nextAfterSeq"))
                        .append("\">").append(Html.esc(r.t("Next runs", "下一页"))).append("</a></p>");
            }
            r.render(r.t("Seq gaps of ", "序号缺口：") + id, b.toString());
        }).onFailure(r::fail);
    }

    private static String seq(Long n) {
        return n == null ? "–" : Long.toString(n);
    }
}
