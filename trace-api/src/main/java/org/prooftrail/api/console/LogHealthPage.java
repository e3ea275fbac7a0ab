package org.prooftrail.api.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.api.page.Html;

/** The page's body from the API's health answer. */
final class LogHealthPage {
    private LogHealthPage() {
    }

    static String body(ConsoleRequest r, JsonObject h) {
        StringBuilder b = new StringBuilder("<section aria-labelledby=\"log-cp\"><h2 id=\"log-cp\">")
                .append(Html.esc(r.t("Latest checkpoint", "最新检查点"))).append("</h2>");
        JsonObject cp = h.getJsonObject("checkpoint");
        if (cp == null) {
            b.append("<p class=\"problem\">").append(Html.esc(r.t("No checkpoint has been published yet.", "尚未发布任何检查点。"))).append("</p>");
        } else {
            b.append("<dl class=\"log-facts\" id=\"log-checkpoint\"><dt>").append(Html.esc(r.t("Tree size", "树大小"))).append("</dt><dd>")
                    .append(cp.getLong("treeSize")).append("</dd><dt>").append(Html.esc(r.t("Root", "根哈希"))).append("</dt><dd><code>")
                    .append(Html.esc(cp.getString("root"))).append("</code></dd><dt>").append(Html.esc(r.t("Signed", "签名时间")))
                    .append("</dt><dd>").append(Html.esc(cp.getString("signedAt"))).append(" (").append(Html.esc(age(r, cp.getLong("ageSeconds"))))
                    .append(")</dd></dl>");
        }
        JsonObject held = h.getJsonObject("awaitingWitnesses");
        if (held != null) {
            b.append("<p class=\"problem\">").append(Html.esc(r.t("Checkpoint " + held.getLong("treeSize") + " awaits its witnesses' quorum since "
                    + age(r, held.getLong("ageSeconds")) + ".", "检查点 " + held.getLong("treeSize") + " 等待见证人达到法定数，已等待"
                    + age(r, held.getLong("ageSeconds")) + "。"))).append("</p>");
        }
        b.append("</section>");
        witnesses(r, b, h.getJsonObject("witnesses"), cp);
        audit(r, b, h.getJsonObject("lastAudit"));
        return b.toString();
    }

    private static void witnesses(ConsoleRequest r, StringBuilder b, JsonObject w, JsonObject cp) {
        JsonArray list = w.getJsonArray("list");
        b.append("<section aria-labelledby=\"log-w\"><h2 id=\"log-w\">").append(Html.esc(r.t("Witnesses", "见证人"))).append("</h2>");
        if (list.isEmpty()) {
            b.append("<p>").append(Html.esc(r.t("No witnesses are configured (PT_WITNESSES): checkpoints are published without cosignatures.",
                    "未配置见证人（PT_WITNESSES）：检查点发布时没有联署。"))).append("</p></section>");
            return;
        }
        b.append("<p>").append(Html.esc(r.t("Quorum: " + w.getInteger("quorum") + " of " + list.size() + ".",
                "法定数：" + list.size() + " 个中需 " + w.getInteger("quorum") + " 个。"))).append("</p><div class=\"scroll\"><table id=\"log-witnesses\"><thead><tr><th scope=\"col\">")
                .append(Html.esc(r.t("Witness", "见证人"))).append("</th><th scope=\"col\">").append(Html.esc(r.t("Last cosignature", "最近联署")))
                .append("</th><th scope=\"col\" class=\"num\">").append(Html.esc(r.t("Tree size", "树大小"))).append("</th><th scope=\"col\">")
                .append(Html.esc(r.t("State", "状态"))).append("</th></tr></thead><tbody>");
        for (Object o : list) {
            JsonObject x = (JsonObject) o;
            JsonObject last = x.getJsonObject("lastCosignature");
            b.append("<tr><td>").append(Html.esc(x.getString("displayName"))).append("<br><small>").append(Html.esc(x.getString("name")))
                    .append("</small></td>");
            if (last == null) {
                b.append("<td>—</td><td class=\"num\">—</td><td class=\"bad\">").append(Html.esc(r.t("no valid cosignature in the last "
                        + w.getInteger("window") + " checkpoints", "最近 " + w.getInteger("window") + " 个检查点中没有有效联署"))).append("</td></tr>");
                continue;
            }
            boolean current = cp != null && last.getLong("treeSize") >= cp.getLong("treeSize");
            b.append("<td>").append(Html.esc(last.getString("time"))).append(" (").append(Html.esc(age(r, last.getLong("ageSeconds"))))
                    .append(")</td><td class=\"num\">").append(last.getLong("treeSize")).append("</td><td class=\"")
                    .append(current ? "good" : "bad").append("\">").append(Html.esc(current ? r.t("cosigned the latest", "已联署最新检查点")
                            : r.t("behind the latest checkpoint", "落后于最新检查点"))).append("</td></tr>");
        }
        b.append("</tbody></table></div></section>");
    }

    private static void audit(ConsoleRequest r, StringBuilder b, JsonObject a) {
        b.append("<section aria-labelledby=\"log-a\"><h2 id=\"log-a\">").append(Html.esc(r.t("Last audit", "最近一次审计"))).append("</h2>");
        if (a == null) {
            b.append("<p id=\"log-audit\">").append(Html.esc(r.t("No audit has run through the API yet.", "尚未通过接口运行审计。"))).append("</p>");
        } else {
            boolean passed = a.getBoolean("passed");
            b.append("<dl class=\"log-facts\" id=\"log-audit\"><dt>").append(Html.esc(r.t("Result", "结果"))).append("</dt><dd class=\"")
                    .append(passed ? "good" : "bad").append("\" data-passed=\"").append(passed).append("\">")
                    .append(Html.esc(passed ? r.t("passed", "通过") : r.t("failed", "未通过"))).append("</dd><dt>")
                    .append(Html.esc(r.t("Run", "运行"))).append("</dt><dd>").append(Html.esc(a.getString("ranAt") + " · " + a.getString("ranBy")
                            + " · " + ("full".equals(a.getString("scope")) ? r.t("full", "完整") : r.t("recent part", "最近部分"))
                            + " · " + a.getLong("durationMillis") + " ms")).append("</dd><dt>").append(Html.esc(r.t("Checked", "已检查")))
                    .append("</dt><dd>").append(Html.esc(r.t(a.getLong("chunks") + " chunks, " + a.getLong("envelopes") + " envelopes, "
                            + a.getLong("checkpoints") + " checkpoints", a.getLong("chunks") + " 个数据块，" + a.getLong("envelopes") + " 个信封，"
                            + a.getLong("checkpoints") + " 个检查点"))).append("</dd></dl>");
            JsonArray problems = a.getJsonArray("problems");
            if (!problems.isEmpty()) {
                b.append("<p>").append(Html.esc(r.t(a.getInteger("problemCount") + " problems; the first ones:",
                        "共 " + a.getInteger("problemCount") + " 个问题，前几个："))).append("</p><ul class=\"log-problems\">");
                problems.forEach(p -> b.append("<li>").append(Html.esc(String.valueOf(p))).append("</li>"));
                b.append("</ul>");
            }
        }
        b.append("<form class=\"stack\" method=\"post\" action=\"/console/log/audit\">").append(r.csrfField())
                .append("<label for=\"log-full\"><span><input type=\"checkbox\" id=\"log-full\" name=\"full\" value=\"true\"> ")
                .append(Html.esc(r.t("Full audit (all stored data and derived rows; slower)", "完整审计（全部存储数据与派生行，较慢）")))
                .append("</span></label><button type=\"submit\">").append(Html.esc(r.t("Run an audit now", "立即运行审计")))
                .append("</button></form></section>");
    }

    static String age(ConsoleRequest r, long seconds) {
        if (seconds < 120) {
            return r.t(seconds + " s ago", seconds + " 秒前");
        }
        if (seconds < 2 * 3600) {
            return r.t(seconds / 60 + " min ago", seconds / 60 + " 分钟前");
        }
        if (seconds < 2 * 86400) {
            return r.t(seconds / 3600 + " h ago", seconds / 3600 + " 小时前");
        }
        return r.t(seconds / 86400 + " days ago", seconds / 86400 + " 天前");
    }
}
